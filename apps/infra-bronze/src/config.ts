import { AWS_REGION_KEY, jsonConfig, layerStackFields, stackConfig } from "@lake/lake-components";
import { z } from "zod";

export const bronzeConfigSchema = z.strictObject({
  ...layerStackFields,
  /** KMS key deletion waiting period, 7 to 30 days. */
  kmsDeletionWindowDays: jsonConfig(z.int().min(7).max(30)).default(30),
  /** Days the S3 server access logs are kept. */
  accessLogRetentionDays: jsonConfig(z.int().min(1).max(3650)).default(365),
});

export type BronzeConfig = z.output<typeof bronzeConfigSchema>;

const bronzeConfig = stackConfig(bronzeConfigSchema, {
  project: "infra-bronze",
  foreignKeys: AWS_REGION_KEY,
});

/** Validates a configuration (a stack file's, in tests); the error names the stack, the file and each bad key. */
export const parseBronzeConfig = bronzeConfig.parse;

/** The configuration `pulumi up` (or the offline plan) passes to this program, validated. */
export const loadBronzeConfig = bronzeConfig.load;
