// The outputs of the three layer stacks (bronze <- silver <- gold): what each exports and its readers take.
import type { SourceKind } from "@lake/schemas";
import { defineStackContract } from "./stack-contract.js";

/** How each bronze source is landed: what an operator or the orchestrator calls, starts or watches per kind. */
export interface BronzeIngestionOutputs {
  /** The kind of every source, by dataset. */
  readonly kinds: Record<string, SourceKind>;
  /** The function that catalogs `file` sources (one for all of them); null without file sources. */
  readonly catalogingFunctionName: string | null;
  /** The Kinesis data stream producers write to, per `stream` source fed by Kinesis. */
  readonly kinesisStreamNames: Record<string, string>;
  /** The Firehose delivery stream, per `stream` source. */
  readonly deliveryStreamNames: Record<string, string>;
  /** The puller function, per `api` source (invoke it with `{"scheduledTime": ...}` to pull a missed hour). */
  readonly pullerFunctionNames: Record<string, string>;
  /** The EventBridge schedule of each `api` source's puller. */
  readonly scheduleNames: Record<string, string>;
  /** The DMS Serverless replication, per `cdc` source (StartReplication after its secret holds credentials). */
  readonly replicationConfigArns: Record<string, string>;
}

export interface BronzeStackOutputs {
  readonly kmsKeyArn: string;
  readonly accessLogBucketName: string;
  readonly bronzeBucketName: string;
  readonly bronzeBucketArn: string;
  readonly bronzeDatabaseName: string;
  readonly crawlerNames: Record<string, string>;
  /**
   * Always exported by infra-bronze (its tests check it); optional in the type only so that readers' fixtures
   * written before it still compile.
   */
  readonly ingestion?: BronzeIngestionOutputs;
}

export const bronzeStack = defineStackContract<BronzeStackOutputs>("infra-bronze", {
  kmsKeyArn: "The lake's customer-managed KMS key: every layer's bucket is encrypted with it.",
  accessLogBucketName: "Bucket receiving the S3 server access logs of every lake bucket.",
  bronzeBucketName: "The bronze bucket: raw source files as delivered.",
  bronzeBucketArn: "ARN of the bronze bucket.",
  bronzeDatabaseName: "Glue database the crawlers write the raw tables to.",
  crawlerNames: "Crawler name per source dataset, for the orchestrator's crawl step.",
  ingestion:
    "Per source, how it is landed: its kind, the cataloging function, the Kinesis and Firehose streams, the " +
    "puller functions and their schedules, the DMS replications.",
});

export interface SilverStackOutputs {
  readonly kmsKeyArn: string;
  readonly accessLogBucketName: string;
  readonly silverBucketName: string;
  readonly silverBucketArn: string;
  readonly silverDatabaseName: string;
  readonly silverDatabaseArn: string;
  readonly jobPackageUri: string;
  readonly jobPackageSha256: string;
  readonly tableNames: string[];
  readonly bronzeToSilverJobs: Record<string, string>;
  readonly qualityJobs: Record<string, string>;
  readonly rulesetNames: Record<string, string>;
  readonly bronzeToSilverJobRoles: Record<string, string>;
  readonly qualityJobRoles: Record<string, string>;
  readonly dataQualityRoles: Record<string, string>;
}

export const silverStack = defineStackContract<SilverStackOutputs>("infra-silver", {
  kmsKeyArn: "The lake key (from bronze), passed on so gold needs only this stack.",
  accessLogBucketName: "The access-log bucket (from bronze), passed on for the same reason.",
  silverBucketName: "The silver bucket: validated, deduplicated, standardized tables.",
  silverBucketArn: "ARN of the silver bucket.",
  silverDatabaseName: "The silver Glue database.",
  silverDatabaseArn: "ARN of the silver Glue database.",
  jobPackageUri: "s3:// URI of the job package (the lake_jobs zip) this stack uploaded.",
  jobPackageSha256: "Hex SHA-256 of the job package.",
  tableNames: "Silver tables, including the quarantine and quality_results system tables.",
  bronzeToSilverJobs: "Glue job name of the bronze -> silver job per source dataset.",
  qualityJobs: "Glue job name of the quality job per source dataset.",
  rulesetNames: "Glue Data Quality ruleset name per source dataset.",
  bronzeToSilverJobRoles:
    "IAM role ARN of the bronze -> silver job per source dataset (its Lake Formation grants).",
  qualityJobRoles: "IAM role ARN of the quality job per source dataset (its Lake Formation grants).",
  dataQualityRoles:
    "IAM role ARN a Glue Data Quality evaluation of the dataset's ruleset runs as, per source dataset " +
    "(StartDataQualityRulesetEvaluationRun's Role; its Lake Formation grants).",
});

export interface AthenaWorkgroupOutput {
  readonly name: string;
  readonly outputLocation: string;
}

export interface SpectrumOutput {
  readonly roleArn: string;
  readonly createExternalSchemaSql: string;
  readonly appliedBy: "redshift-data-api" | "operator";
}

export interface GoldStackOutputs {
  readonly goldBucketName: string;
  readonly goldBucketArn: string;
  readonly goldDatabaseName: string;
  readonly goldDatabaseArn: string;
  readonly tables: Record<string, string>;
  readonly silverToGoldJobs: Record<string, string>;
  readonly silverToGoldJobRoles: Record<string, string>;
  readonly athenaWorkgroups: Record<string, AthenaWorkgroupOutput>;
  readonly athenaResultsBucketName: string;
  readonly spectrum: SpectrumOutput | null;
}

export const goldStack = defineStackContract<GoldStackOutputs>("infra-gold", {
  goldBucketName: "The gold bucket: business-ready tables.",
  goldBucketArn: "ARN of the gold bucket.",
  goldDatabaseName: "The gold Glue database.",
  goldDatabaseArn: "ARN of the gold Glue database.",
  tables: "Gold tables with their format (iceberg unless a contract says delta or parquet).",
  silverToGoldJobs: "Glue job name of the silver -> gold job per gold dataset.",
  silverToGoldJobRoles:
    "IAM role ARN of the silver -> gold job per gold dataset (its Lake Formation grants).",
  athenaWorkgroups: "Athena workgroup name and results location per configured workgroup.",
  athenaResultsBucketName: "The bucket holding the Athena query results (its own, or the gold bucket).",
  spectrum: "Redshift Spectrum access when enabled (role and CREATE EXTERNAL SCHEMA statement), else null.",
});
