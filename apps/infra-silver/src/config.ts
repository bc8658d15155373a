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

const stackName = z
  .string()
  .regex(
    /^[^/\s]+\/[^/\s]+\/[^/\s]+$/,
    'must be "<organization>/<project>/<stack>", e.g. organization/infra-bronze/dev',
  );

export const silverConfigSchema = z.strictObject({
  /** `aws:region`. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as eu-west-1 (set aws:region)"),
  environment: z.enum(["dev", "prod"]),
  /** Prefix of every physical name: `lake-dev`. */
  namePrefix: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{1,18}[a-z0-9]$/,
      "must be 3 to 20 lowercase letters, digits or hyphens, like lake-dev",
    ),
  /** The bronze stack whose key, log bucket, bronze bucket and database this stack reads. */
  bronzeStack: stackName,
  /** Protect the data resources from `pulumi destroy` and keep them in AWS if deleted (production). */
  protectData: fromJson(z.boolean()),
  /** Glue worker type of the bronze -> silver and quality jobs. */
  workerType: z.enum(["G.1X", "G.2X", "G.4X", "G.8X"]).default("G.1X"),
  numberOfWorkers: fromJson(z.int().min(2).max(299)).default(2),
  timeoutMinutes: fromJson(z.int().min(1).max(2880)).default(60),
  maxRetries: fromJson(z.int().min(0).max(10)).default(1),
  tags: fromJson(z.record(z.string(), z.string())).default({}),
});

export type SilverConfig = z.output<typeof silverConfigSchema>;

/** Validates the stack's configuration; the error names the stack, the file and each bad key. */
export function parseSilverConfig(raw: Record<string, unknown>, stack: string): SilverConfig {
  const result = silverConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(
      `infra-silver stack "${stack}": invalid configuration in Pulumi.${stack}.yaml ` +
        `(keys are "infra-silver:<key>", region is "aws:region"):\n${z.prettifyError(result.error)}`,
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

export function loadSilverConfig(): SilverConfig {
  return parseSilverConfig(readRawConfig(), pulumi.getStack());
}
