import { AWS_REGION_KEY, jsonConfig, layerStackFields, stackConfig } from "@lake/stacks";
import { z } from "zod";

export const bronzeConfigSchema = z.strictObject({
  ...layerStackFields,
  /** KMS key deletion waiting period, 7 to 30 days. */
  kmsDeletionWindowDays: jsonConfig(z.int().min(7).max(30)).default(30),
  /** Days the S3 server access logs are kept. */
  accessLogRetentionDays: jsonConfig(z.int().min(1).max(3650)).default(365),
});

export type BronzeConfig = z.output<typeof bronzeConfigSchema>;

/** The stack's config: `load()` in the program, `parse`/`parseConfig` in tests (errors name stack, file, key). */
export const bronzeConfig = stackConfig(bronzeConfigSchema, {
  project: "infra-bronze",
  foreignKeys: AWS_REGION_KEY,
});
