import { CDC_ENGINES, CDC_SSL_MODES, DMS_CAPACITY_UNITS, pullSettingsSchema } from "@lake/lake-components";
import { AWS_REGION_KEY, jsonConfig, layerStackFields, stackConfig } from "@lake/stacks";
import { z } from "zod";

/** A Secrets Manager secret the owners of a source put its credentials in: its ARN or its name. */
const secret = z.string().min(1);
const arn = (service: string) =>
  z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), `must be an ${service} ARN`);

/** A `stream` source: the Kinesis stream Firehose reads (new by default, or existing), or an MSK topic. */
const streamIngestion = z.strictObject({
  /** An existing Kinesis data stream; absent: the stack creates an on-demand one encrypted with the lake key. */
  kinesisStreamArn: arn("kinesis").optional(),
  /** The key of an existing stream. */
  kinesisKmsKeyArn: arn("kms").optional(),
  /** Provisioned shards for the stack's stream; absent: on-demand. */
  shardCount: z.int().min(1).optional(),
  /** Hours the stack's stream keeps records (24 to 8760). */
  retentionHours: z.int().min(24).max(8760).optional(),
  /** An MSK topic instead of a Kinesis stream. */
  msk: z
    .strictObject({
      clusterArn: arn("kafka"),
      topic: z.string().min(1),
      connectivity: z.enum(["PRIVATE", "PUBLIC"]).optional(),
    })
    .optional(),
  /** Firehose buffering; absent: 64 MiB or 300 s. */
  buffering: z.strictObject({ sizeMiB: z.int(), intervalSeconds: z.int() }).optional(),
});

/** A `cdc` source: the database DMS replicates and the network it is reached in. */
const cdcIngestion = z.strictObject({
  engine: z.enum(CDC_ENGINES),
  databaseName: z.string().min(1),
  sslMode: z.enum(CDC_SSL_MODES).default("verify-full"),
  certificateArn: arn("dms").optional(),
  /** Holds `host`, `port`, `username` and `password`. */
  secret,
  secretKmsKeyArn: arn("kms").optional(),
  subnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]+$/, "must be a subnet id")).min(2),
  securityGroupIds: z.array(z.string().regex(/^sg-[0-9a-f]+$/, "must be a security group id")).min(1),
  capacity: z
    .strictObject({
      min: z
        .int()
        .refine((v) => (DMS_CAPACITY_UNITS as readonly number[]).includes(v), "not a DMS capacity unit"),
      max: z
        .int()
        .refine((v) => (DMS_CAPACITY_UNITS as readonly number[]).includes(v), "not a DMS capacity unit"),
    })
    .optional(),
  multiAz: z.boolean().optional(),
  startReplication: z.boolean().optional(),
});

/** An `api` source: how its puller pulls (the puller's own settings schema) and the secret of its credential. */
const apiIngestion = z.strictObject({
  secret,
  secretKmsKeyArn: arn("kms").optional(),
  pull: pullSettingsSchema,
});

/** Per source dataset, the settings of its kind (file sources need none). */
export const ingestionSchema = z.record(
  z.string(),
  z
    .strictObject({
      stream: streamIngestion.optional(),
      cdc: cdcIngestion.optional(),
      api: apiIngestion.optional(),
    })
    .refine((entry) => Object.keys(entry).length === 1, "set exactly one of stream, cdc, api"),
);

export const bronzeConfigSchema = z.strictObject({
  ...layerStackFields,
  /** KMS key deletion waiting period, 7 to 30 days. */
  kmsDeletionWindowDays: jsonConfig(z.int().min(7).max(30)).default(30),
  /** Days the S3 server access logs are kept. */
  accessLogRetentionDays: jsonConfig(z.int().min(1).max(3650)).default(365),
  /** Days the ingestion functions' and delivery streams' logs are kept (a CloudWatch Logs retention value). */
  ingestionLogRetentionDays: jsonConfig(z.int()).default(30),
  /** How each stream, cdc and api source is landed, by dataset name. */
  ingestion: jsonConfig(ingestionSchema).default({}),
});

export type BronzeConfig = z.output<typeof bronzeConfigSchema>;
export type IngestionConfig = z.output<typeof ingestionSchema>;

/** The stack's config: `load()` in the program, `parse`/`parseConfig` in tests (errors name stack, file, key). */
export const bronzeConfig = stackConfig(bronzeConfigSchema, {
  project: "infra-bronze",
  foreignKeys: AWS_REGION_KEY,
});
