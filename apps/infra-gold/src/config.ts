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

const workgroupSchema = z.strictObject({
  /** Suffix of the workgroup name: `analysts` becomes `<namePrefix>-analysts`. */
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,40}$/, "must be lowercase letters, digits or hyphens, like analysts"),
  description: z.string().max(1024).optional(),
  /** Queries scanning more than this are cancelled. Athena's minimum is 10 MB. */
  bytesScannedCutoffPerQuery: z
    .int()
    .min(10 * 1024 * 1024, "must be at least 10485760 bytes (10 MB), Athena's minimum"),
});

const spectrumSchema = z
  .strictObject({
    enabled: z.boolean(),
    /** Schema name the gold database appears under in Redshift. */
    schemaName: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,126}$/)
      .default("gold"),
    /** Redshift database the schema is created in. */
    database: z.string().default("dev"),
    /** A Redshift Serverless workgroup or a provisioned cluster to run CREATE EXTERNAL SCHEMA on; without either, the statement is only an output. */
    workgroupName: z.string().optional(),
    clusterIdentifier: z.string().optional(),
    /** Database user for a provisioned cluster (the Data API gets temporary credentials for it). */
    dbUser: z.string().optional(),
  })
  .refine((s) => !(s.workgroupName && s.clusterIdentifier), {
    message: "set workgroupName (Redshift Serverless) or clusterIdentifier (provisioned), not both",
  })
  .refine((s) => !s.clusterIdentifier || s.dbUser, {
    message: "a provisioned cluster (clusterIdentifier) needs dbUser for the Redshift Data API",
  });

export const goldConfigSchema = z.strictObject({
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
  /** The silver stack whose bucket, database, key and job package this stack reads. */
  silverStack: stackName,
  /** Protect the data resources from `pulumi destroy` and keep them in AWS if deleted (production). */
  protectData: fromJson(z.boolean()),
  workerType: z.enum(["G.1X", "G.2X", "G.4X", "G.8X"]).default("G.1X"),
  numberOfWorkers: fromJson(z.int().min(2).max(299)).default(2),
  timeoutMinutes: fromJson(z.int().min(1).max(2880)).default(60),
  maxRetries: fromJson(z.int().min(0).max(10)).default(1),
  /** Athena workgroups; every one enforces its configuration. */
  athenaWorkgroups: fromJson(z.array(workgroupSchema).min(1)),
  /** Where query results go: a prefix of the gold bucket, or a bucket of their own (with its own lifecycle). */
  athenaResults: z.enum(["gold-bucket", "results-bucket"]).default("results-bucket"),
  /** Days query results are kept. */
  athenaResultsRetentionDays: fromJson(z.int().min(1).max(3650)).default(30),
  spectrum: fromJson(spectrumSchema).default({ enabled: false, schemaName: "gold", database: "dev" }),
  tags: fromJson(z.record(z.string(), z.string())).default({}),
});

export type GoldConfig = z.output<typeof goldConfigSchema>;

/** Validates the stack's configuration; the error names the stack, the file and each bad key. */
export function parseGoldConfig(raw: Record<string, unknown>, stack: string): GoldConfig {
  const result = goldConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(
      `infra-gold stack "${stack}": invalid configuration in Pulumi.${stack}.yaml ` +
        `(keys are "infra-gold:<key>", region is "aws:region"):\n${z.prettifyError(result.error)}`,
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

export function loadGoldConfig(): GoldConfig {
  return parseGoldConfig(readRawConfig(), pulumi.getStack());
}
