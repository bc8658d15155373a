import { MWAA_ENVIRONMENT_CLASSES, MWAA_LOG_LEVELS } from "@lake/lake-components";
import {
  AWS_REGION_KEY,
  awsRegionSchema,
  environmentSchema,
  jsonConfig,
  layerStackFields,
  namePrefixSchema,
  stackConfig,
  stackReferenceSchema,
} from "@lake/stacks";
import { z } from "zod";

const minutes = (max: number) => jsonConfig(z.int().min(1).max(max));
const cron = z
  .string()
  .regex(/^(\S+\s+){4}\S+$/, 'expected a five-field cron expression such as "0 2 * * *"');

/**
 * The maintenance DAG: its own schedule (UTC; weekly by default, away from the daily pipeline's hour so a
 * compaction does not race the day's writes) and the history it keeps (the lake_jobs.maintenance arguments).
 */
const maintenanceSchema = z.strictObject({
  schedule: cron.default("0 5 * * 0"),
  retainDays: z.number().min(0).default(7),
  retainLast: z.int().min(1).default(5),
  // lake_jobs.maintenance refuses less than a day: younger files may belong to a write in progress.
  orphanDays: z.number().min(1).default(3),
});

/** The environment's size; each unset field takes MwaaEnvironment's default (`resolveMwaaSettings`). */
const mwaaSchema = z.strictObject({
  environmentClass: z.enum(MWAA_ENVIRONMENT_CLASSES).optional(),
  minWorkers: z.int().min(1).optional(),
  maxWorkers: z.int().min(1).optional(),
  schedulers: z.int().min(1).max(5).optional(),
  minWebservers: z.int().min(1).max(5).optional(),
  maxWebservers: z.int().min(1).max(5).optional(),
  logLevel: z.enum(MWAA_LOG_LEVELS).optional(),
  weeklyMaintenanceWindowStart: z.string().optional(),
});

/** The stack's own private network (a VPC block), or an existing VPC's two private subnets and security groups. */
const networkSchema = z.union([
  z.strictObject({ cidrBlock: z.string().default("10.192.0.0/16") }),
  z.strictObject({
    vpcId: z.string().regex(/^vpc-[0-9a-f]+$/, "must be a VPC id such as vpc-0123abcd"),
    subnetIds: z.tuple([
      z.string().regex(/^subnet-[0-9a-f]+$/, "must be a subnet id"),
      z.string().regex(/^subnet-[0-9a-f]+$/, "must be a subnet id"),
    ]),
    securityGroupIds: z
      .array(z.string().regex(/^sg-[0-9a-f]+$/, "must be a security group id"))
      .min(1)
      .max(5),
  }),
]);

export const airflowConfigSchema = z
  .strictObject({
    region: awsRegionSchema,
    environment: environmentSchema,
    namePrefix: namePrefixSchema,
    /** The layer stacks whose crawlers and jobs the pipeline runs. */
    bronzeStack: stackReferenceSchema,
    silverStack: stackReferenceSchema,
    goldStack: stackReferenceSchema,
    /** Airflow cron expression of the daily lake pipeline (five fields, UTC). */
    schedule: cron,
    /** The owner every task shows in Airflow. */
    owner: z.string().min(1).default("data-platform"),
    /** The first day the DAG is scheduled for (it does not catch up: older days are backfilled on purpose). */
    startDate: z.iso.date().default("2024-01-01"),
    /** Retries of every task, at least 2, with exponential backoff from retryDelayMinutes up to maxRetryDelayMinutes. */
    retries: jsonConfig(z.int().min(2).max(10)).default(2),
    retryDelayMinutes: minutes(60).default(5),
    maxRetryDelayMinutes: minutes(1440).default(60),
    /** Execution timeouts: a crawl, and a Glue job run (keep it above the jobs' own Glue timeout). */
    crawlTimeoutMinutes: minutes(1440).default(60),
    jobTimeoutMinutes: minutes(2880).default(180),
    /** A Glue Data Quality evaluation run (also its own Timeout, so Glue ends a run the task gave up on). */
    dataQualityTimeoutMinutes: minutes(2880).default(60),
    maintenance: jsonConfig(maintenanceSchema).default({
      schedule: "0 5 * * 0",
      retainDays: 7,
      retainLast: 5,
      orphanDays: 3,
    }),
    mwaa: jsonConfig(mwaaSchema).default({}),
    network: jsonConfig(networkSchema).default({ cidrBlock: "10.192.0.0/16" }),
    /** Days the VPC flow logs are kept (a CloudWatch Logs retention value). */
    flowLogRetentionDays: jsonConfig(z.int()).default(365),
    tags: layerStackFields.tags,
  })
  .refine((c) => c.maxRetryDelayMinutes >= c.retryDelayMinutes, {
    message: "maxRetryDelayMinutes must be at least retryDelayMinutes",
    path: ["maxRetryDelayMinutes"],
  });

export type AirflowConfig = z.output<typeof airflowConfigSchema>;

/** The stack's config: `load()` in the program, `parse`/`parseConfig` in tests (errors name stack, file, key). */
export const airflowConfig = stackConfig(airflowConfigSchema, {
  project: "airflow-dags",
  foreignKeys: AWS_REGION_KEY,
});
