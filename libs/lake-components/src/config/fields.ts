// The config keys the stacks share, each validated once: what a layer stack is named after, where it runs, how
// its data is protected, and the Glue job settings of the stacks that run Spark jobs.
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

/** Glue settings of the stacks' Spark jobs, with the defaults the committed stack files repeat. */
export const glueJobFields = {
  workerType: z.enum(["G.1X", "G.2X", "G.4X", "G.8X"]).default("G.1X"),
  numberOfWorkers: jsonConfig(z.int().min(2).max(299)).default(2),
  timeoutMinutes: jsonConfig(z.int().min(1).max(2880)).default(60),
  maxRetries: jsonConfig(z.int().min(0).max(10)).default(1),
};
