import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  DataQualityRuleset,
  DatasetTable,
  entryScript,
  lakeJobsPackage,
  LakeBucket,
  LayerDatabase,
  SparkJob,
  uploadJobPackage,
  type BucketRef,
  type JobPackage,
} from "@lake/lake-components";
import type { DatasetContract, DatasetRegistry } from "@lake/schemas";
import type { SilverConfig } from "./config.js";
import { QUALITY_RESULTS_PREFIX, qualityResultsPartition, referencedDatasets } from "./quality-scope.js";
import { readBronzeStack } from "./upstream.js";

/** What the silver stack exports; gold reads these through a StackReference. */
export interface SilverOutputs {
  /** The lake key (from bronze), passed on so gold needs only this stack. */
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly accessLogBucketName: pulumi.Output<string>;
  readonly silverBucketName: pulumi.Output<string>;
  readonly silverBucketArn: pulumi.Output<string>;
  readonly silverDatabaseName: pulumi.Output<string>;
  readonly silverDatabaseArn: pulumi.Output<string>;
  /** `s3://` URI of the job package (`lake_jobs` zip) this stack uploaded. */
  readonly jobPackageUri: pulumi.Output<string>;
  /** Hex SHA-256 of the job package. */
  readonly jobPackageSha256: pulumi.Output<string>;
  /** Silver tables by dataset, including the quarantine and quality_results system tables. */
  readonly tableNames: pulumi.Output<string[]>;
  /** Glue job names per source dataset: bronze -> silver and quality. */
  readonly bronzeToSilverJobs: pulumi.Output<Record<string, string>>;
  readonly qualityJobs: pulumi.Output<Record<string, string>>;
  /** Glue Data Quality ruleset name per source dataset. */
  readonly rulesetNames: pulumi.Output<Record<string, string>>;
}

export interface SilverStackOptions {
  /** The `lake_jobs` package; defaults to a zip of `libs/spark-jobs/src/lake_jobs`. */
  readonly jobPackage?: JobPackage;
}

/** Key prefixes of the silver bucket besides the tables. */
export const SILVER_PREFIXES = {
  artifacts: "artifacts/",
  reports: "reports/",
  quarantine: "quarantine/",
  qualityResults: QUALITY_RESULTS_PREFIX,
} as const;

/** A Glue job always has a name; the type leaves room for the EMR Serverless target this stack does not use. */
function glueJobName(job: SparkJob): pulumi.Output<string> {
  if (!job.jobName) throw new Error("SparkJob without a Glue job: this stack deploys to Glue only");
  return job.jobName;
}

function byDataset(
  contracts: readonly DatasetContract[],
  names: pulumi.Output<string>[],
): pulumi.Output<Record<string, string>> {
  return pulumi
    .all(names)
    .apply((resolved) => Object.fromEntries(contracts.map((c, i) => [c.name, resolved[i] as string])));
}

/** The silver layer: bucket, database, a table per silver contract, and per source the jobs and the DQ ruleset. */
export function createSilverStack(
  config: SilverConfig,
  datasets: DatasetRegistry,
  options: SilverStackOptions = {},
): SilverOutputs {
  const { namePrefix, tags } = config;
  const protection = { protect: config.protectData };
  const bronze = readBronzeStack(config.bronzeStack);
  const accountId = aws.getCallerIdentityOutput().accountId;
  const jobPackage = options.jobPackage ?? lakeJobsPackage();

  const bucket = new LakeBucket(
    `${namePrefix}-silver`,
    {
      layer: "silver",
      bucketName: pulumi.interpolate`${namePrefix}-silver-${accountId}-${config.region}`,
      kmsKeyArn: bronze.kmsKeyArn,
      accessLogs: { bucketName: bronze.accessLogBucketName },
      retainOnDelete: config.protectData,
      forceDestroy: !config.protectData,
      tags,
    },
    protection,
  );
  const silver: BucketRef = {
    bucketName: bucket.bucketName,
    bucketArn: bucket.bucketArn,
    kmsKeyArn: bucket.kmsKeyArn,
  };
  const database = new LayerDatabase(
    `${namePrefix}-silver-db`,
    {
      layer: "silver",
      bucketName: bucket.bucketName,
      description: "Validated, deduplicated, standardized datasets",
      tags,
    },
    protection,
  );

  const sources = datasets.withSource();
  const tables = new Map(
    datasets.byLayer("silver").map((contract) => [
      contract.name,
      new DatasetTable(
        `${namePrefix}-silver-${contract.name}`,
        {
          contract,
          databaseName: database.databaseName,
          location: database.tableLocation(contract.name),
          // System tables are partitioned by the dataset they describe: project the known source names.
          ...(contract.partitionKeys.includes("dataset")
            ? { partitionValues: { dataset: sources.map((s) => s.name) } }
            : {}),
        },
        { parent: database },
      ),
    ]),
  );

  // Uploaded once and read in place by every job. Not under the protected bucket: a new package replaces the
  // old object, which must be deletable.
  const jobPackageUpload = uploadJobPackage(`${namePrefix}-silver-job-package`, {
    bucket: silver,
    prefix: SILVER_PREFIXES.artifacts,
    jobPackage,
    tags,
  });
  const glue = {
    workerType: config.workerType,
    numberOfWorkers: config.numberOfWorkers,
    timeoutMinutes: config.timeoutMinutes,
    maxRetries: config.maxRetries,
  };
  const common = {
    packageObject: jobPackageUpload.location,
    artifacts: { bucket: silver, prefix: SILVER_PREFIXES.artifacts },
    report: { bucket: silver, prefix: SILVER_PREFIXES.reports },
    env: config.environment,
    glue,
    tags,
  };
  const bronzeToSilverScript = entryScript("bronze_to_silver");
  const qualityScript = entryScript("quality");
  const quarantine = datasets.get("quarantine");
  const qualityResults = datasets.get("quality_results");

  const perSource = sources.map((contract) => {
    const bronzeToSilver = new SparkJob(
      `${namePrefix}-b2s-${contract.name}`,
      {
        ...common,
        contract,
        relatedContracts: [quarantine],
        script: bronzeToSilverScript,
        input: {
          bucket: {
            bucketName: bronze.bronzeBucketName,
            bucketArn: bronze.bronzeBucketArn,
            kmsKeyArn: bronze.kmsKeyArn,
          },
        },
        output: { bucket: silver },
        quarantine: { bucket: silver, prefix: SILVER_PREFIXES.quarantine },
        catalog: { write: { databaseArn: database.databaseArn, tables: [contract.name, quarantine.name] } },
      },
      // Jobs, their roles and rulesets are not data: they stay outside the protected database.
    );
    const references = referencedDatasets(contract);
    const quality = new SparkJob(`${namePrefix}-quality-${contract.name}`, {
      ...common,
      contract,
      relatedContracts: [qualityResults, ...references.map((name) => datasets.get(name))],
      script: qualityScript,
      // A quality run reads the dataset and those its references rules name, and writes its own partition of
      // quality_results: not the scopes SparkJob derives for a job that writes the dataset itself.
      input: { bucket: silver, scope: [contract.name, ...references] },
      output: {
        bucket: silver,
        prefix: SILVER_PREFIXES.qualityResults,
        scope: [qualityResultsPartition(contract)],
      },
      catalog: {
        write: { databaseArn: database.databaseArn, tables: [qualityResults.name] },
        read: [{ databaseArn: database.databaseArn, tables: [contract.name, ...references] }],
      },
    });
    const ruleset = new DataQualityRuleset(
      `${namePrefix}-dq-${contract.name}`,
      { contract, databaseName: database.databaseName, tags },
      // The ruleset names its table, which must exist first; only that one (every table would be n² edges).
      { dependsOn: tables.get(contract.name) },
    );
    return { bronzeToSilver, quality, ruleset };
  });

  return {
    kmsKeyArn: bronze.kmsKeyArn,
    accessLogBucketName: bronze.accessLogBucketName,
    silverBucketName: bucket.bucketName,
    silverBucketArn: bucket.bucketArn,
    silverDatabaseName: database.databaseName,
    silverDatabaseArn: database.databaseArn,
    jobPackageUri: jobPackageUpload.uri,
    jobPackageSha256: pulumi.output(jobPackage.sha256),
    tableNames: pulumi.all([...tables.values()].map((t) => t.tableName)),
    bronzeToSilverJobs: byDataset(
      sources,
      perSource.map((j) => glueJobName(j.bronzeToSilver)),
    ),
    qualityJobs: byDataset(
      sources,
      perSource.map((j) => glueJobName(j.quality)),
    ),
    rulesetNames: byDataset(
      sources,
      perSource.map((j) => j.ruleset.rulesetName),
    ),
  };
}
