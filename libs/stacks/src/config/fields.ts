// The config keys the stacks share, each validated once: what a layer stack is named after, where it runs, how
// its data is protected, and the Glue job settings of the stacks that run Spark jobs.
import { GLUE_LIMITS, GLUE_WORKER_TYPES, type GlueJobSettings } from "@lake/lake-components";
import { z } from "zod";
import { jsonConfig } from "./stack-config.js";

/** `aws:region`. */
export const awsRegionSchema = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as eu-west-1 (set aws:region)");

export const environmentSchema = z.enum(["dev", "prod"]);

/** Prefix of every physical name (buckets, databases, jobs): `lake-dev`. */
export const namePrefixSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,18}[a-z0-9]$/,
    "must be 3 to 20 lowercase letters, digits or hyphens, like lake-dev",
  );

/** A stack another one reads through a StackReference. */
export const stackReferenceSchema = z
  .string()
  .regex(
    /^[^/\s]+\/[^/\s]+\/[^/\s]+$/,
    'must be "<organization>/<project>/<stack>", e.g. organization/infra-bronze/dev',
  );

/** The keys every layer stack (bronze, silver, gold) has. */
export const layerStackFields = {
  region: awsRegionSchema,
  environment: environmentSchema,
  namePrefix: namePrefixSchema,
  /** Protect the data resources from `pulumi destroy` and keep them in AWS if deleted (production). */
  protectData: jsonConfig(z.boolean()),
  tags: jsonConfig(z.record(z.string(), z.string())).default({}),
};

/**
 * Glue settings of the stacks' Spark jobs, in the ranges the Glue API accepts. Each is optional: the default of
 * an unset one is the SparkJob component's (`resolveGlueSettings`), written once there.
 */
export const glueJobFields = {
  workerType: z.enum(GLUE_WORKER_TYPES).optional(),
  numberOfWorkers: jsonConfig(z.int().min(GLUE_LIMITS.numberOfWorkers.min)).optional(),
  timeoutMinutes: jsonConfig(
    z.int().min(GLUE_LIMITS.timeoutMinutes.min).max(GLUE_LIMITS.timeoutMinutes.max),
  ).optional(),
  maxRetries: jsonConfig(z.int().min(GLUE_LIMITS.maxRetries.min).max(GLUE_LIMITS.maxRetries.max)).optional(),
};

/** The Glue settings of a stack's config, for SparkJob's `glue` (unset ones take SparkJob's defaults). */
export function glueJobSettings(config: {
  readonly [K in keyof typeof glueJobFields]?: GlueJobSettings[K];
}): GlueJobSettings {
  return {
    workerType: config.workerType,
    numberOfWorkers: config.numberOfWorkers,
    timeoutMinutes: config.timeoutMinutes,
    maxRetries: config.maxRetries,
  };
}
