import * as pulumi from "@pulumi/pulumi";
import {
  AWS_REGION_KEY,
  jsonConfig,
  layerStackFields,
  parseStackConfig,
  readStackConfig,
} from "@lake/lake-components";
import { z } from "zod";

export const bronzeConfigSchema = z.strictObject({
  ...layerStackFields,
  /** KMS key deletion waiting period, 7 to 30 days. */
  kmsDeletionWindowDays: jsonConfig(z.int().min(7).max(30)).default(30),
  /** Days the S3 server access logs are kept. */
  accessLogRetentionDays: jsonConfig(z.int().min(1).max(3650)).default(365),
});

export type BronzeConfig = z.output<typeof bronzeConfigSchema>;

/** Validates the stack's configuration; the error names the stack, the file and each bad key. */
export function parseBronzeConfig(raw: Record<string, unknown>, stack: string): BronzeConfig {
  return parseStackConfig(bronzeConfigSchema, raw, {
    project: "infra-bronze",
    stack,
    foreignKeys: AWS_REGION_KEY,
  });
}

export function loadBronzeConfig(): BronzeConfig {
  return parseBronzeConfig(readStackConfig(AWS_REGION_KEY), pulumi.getStack());
}
