import { ATHENA_MIN_BYTES_SCANNED_CUTOFF } from "@lake/lake-components";
import {
  AWS_REGION_KEY,
  glueJobFields,
  jsonConfig,
  layerStackFields,
  stackConfig,
  stackReferenceSchema,
} from "@lake/stacks";
import { z } from "zod";

const workgroupSchema = z.strictObject({
  /** Suffix of the workgroup name: `analysts` becomes `<namePrefix>-analysts`. */
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,40}$/, "must be lowercase letters, digits or hyphens, like analysts"),
  description: z.string().max(1024).optional(),
  /** Queries scanning more than this are cancelled. Athena's minimum is 10 MB. */
  bytesScannedCutoffPerQuery: z
    .int()
    .min(ATHENA_MIN_BYTES_SCANNED_CUTOFF, "must be at least 10485760 bytes (10 MB), Athena's minimum"),
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
  ...layerStackFields,
  /** The silver stack whose bucket, database, key and access log bucket this stack reads. */
  silverStack: stackReferenceSchema,
  /** Glue settings of the silver -> gold jobs. */
  ...glueJobFields,
  /** Athena workgroups; every one enforces its configuration. */
  athenaWorkgroups: jsonConfig(z.array(workgroupSchema).min(1)),
  /** Where query results go: a prefix of the gold bucket, or a bucket of their own (with its own lifecycle). */
  athenaResults: z.enum(["gold-bucket", "results-bucket"]).default("results-bucket"),
  /** Days query results are kept. */
  athenaResultsRetentionDays: jsonConfig(z.int().min(1).max(3650)).default(30),
  spectrum: jsonConfig(spectrumSchema).default({ enabled: false, schemaName: "gold", database: "dev" }),
});

export type GoldConfig = z.output<typeof goldConfigSchema>;

/** The stack's config: `load()` in the program, `parse`/`parseConfig` in tests (errors name stack, file, key). */
export const goldConfig = stackConfig(goldConfigSchema, {
  project: "infra-gold",
  foreignKeys: AWS_REGION_KEY,
});
