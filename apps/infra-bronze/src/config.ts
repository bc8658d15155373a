import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

// Pulumi hands every config value over as a string (structured values as JSON); the parse function also takes
// typed values so tests can pass plain objects.
const fromJson = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }, schema);

export const bronzeConfigSchema = z.strictObject({
  /** `aws:region`. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as eu-west-1 (set aws:region)"),
  environment: z.enum(["dev", "prod"]),
  /** Prefix of every physical name (buckets, databases, crawlers): `lake-dev`. */
  namePrefix: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{1,18}[a-z0-9]$/,
      "must be 3 to 20 lowercase letters, digits or hyphens, like lake-dev",
    ),
  /** Protect the data resources from `pulumi destroy` and keep them in AWS if deleted (production). */
  protectData: fromJson(z.boolean()),
  /** KMS key deletion waiting period, 7 to 30 days. */
  kmsDeletionWindowDays: fromJson(z.int().min(7).max(30)).default(30),
  /** Days the S3 server access logs are kept. */
  accessLogRetentionDays: fromJson(z.int().min(1).max(3650)).default(365),
  tags: fromJson(z.record(z.string(), z.string())).default({}),
});

export type BronzeConfig = z.infer<typeof bronzeConfigSchema>;

/** Validates the stack's configuration; the error names the stack, the file and each bad key. */
export function parseBronzeConfig(raw: Record<string, unknown>, stack: string): BronzeConfig {
  const result = bronzeConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(
      `infra-bronze stack "${stack}": invalid configuration in Pulumi.${stack}.yaml ` +
        `(keys are "infra-bronze:<key>", region is "aws:region"):\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/** The project's config keys (without the namespace) and `aws:region`, as the engine passed them. */
export function readRawConfig(): Record<string, unknown> {
  const namespace = `${new pulumi.Config().name}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(namespace)) raw[key.slice(namespace.length)] = value;
  }
  raw["region"] = new pulumi.Config("aws").get("region");
  return raw;
}

export function loadBronzeConfig(): BronzeConfig {
  return parseBronzeConfig(readRawConfig(), pulumi.getStack());
}
