import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
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
import { createAthenaWorkgroups } from "./athena.js";
import type { GoldConfig } from "./config.js";
import { createSpectrumAccess } from "./spectrum-access.js";
import { readSilverStack } from "./upstream.js";

/**
 * The silver contracts a gold contract is built from, its `derivedFrom`: they ship with its job (`--contracts`),
 * and its role may read exactly their tables and folders.
 */
export function goldSources(contract: DatasetContract, datasets: DatasetRegistry): DatasetContract[] {
  // defineDataset requires derivedFrom of a gold contract; without it the job's read scope would fall back to
  // the whole silver bucket, so a hand-built contract gets an error instead.
  if (contract.derivedFrom.length === 0) {
    throw new Error(
      `gold dataset ${contract.name} has no derivedFrom: its contract must name the silver datasets it is built from`,
    );
  }
  return contract.derivedFrom.map((name) => datasets.get(name));
}

export interface GoldOutputs {
  readonly goldBucketName: pulumi.Output<string>;
  readonly goldBucketArn: pulumi.Output<string>;
  readonly goldDatabaseName: pulumi.Output<string>;
  readonly goldDatabaseArn: pulumi.Output<string>;
  /** Gold tables with their format (`iceberg` unless a contract says `delta` or `parquet`). */
  readonly tables: pulumi.Output<Record<string, string>>;
  /** Glue job name of the silver -> gold job per gold dataset. */
  readonly silverToGoldJobs: pulumi.Output<Record<string, string>>;
  /** Athena workgroup name and results location per configured workgroup. */
  readonly athenaWorkgroups: pulumi.Output<Record<string, { name: string; outputLocation: string }>>;
  readonly athenaResultsBucketName: pulumi.Output<string>;
  /** Redshift Spectrum access, when enabled: the role and the CREATE EXTERNAL SCHEMA statement. */
  readonly spectrum: pulumi.Output<{
    roleArn: string;
    createExternalSchemaSql: string;
    appliedBy: string;
  } | null>;
}

export interface GoldStackOptions {
  /** The `lake_jobs` package; defaults to a zip of `libs/spark-jobs/src/lake_jobs`. */
  readonly jobPackage?: JobPackage;
}

/** The gold Glue database: the layer name, as the jobs address Iceberg tables `lake.gold.<dataset>`. */
export const GOLD_DATABASE = "gold";

export const GOLD_PREFIXES = {
  artifacts: "artifacts/",
  reports: "reports/",
  athenaResults: "athena-results/",
} as const;

/** The gold layer: bucket, database, gold tables and their jobs, Athena workgroups, optional Spectrum access. */
export function createGoldStack(
  config: GoldConfig,
  datasets: DatasetRegistry,
  options: GoldStackOptions = {},
): GoldOutputs {
  const { namePrefix, tags } = config;
  const protection = { protect: config.protectData };
  const dataArgs = { retainOnDelete: config.protectData, forceDestroy: !config.protectData };
  const silver = readSilverStack(config.silverStack);
  const accountId = aws.getCallerIdentityOutput().accountId;
  const bucketName = (purpose: string) =>
    pulumi.interpolate`${namePrefix}-${purpose}-${accountId}-${config.region}`;

  const bucket = new LakeBucket(
    `${namePrefix}-gold`,
    {
      layer: "gold",
      bucketName: bucketName("gold"),
      kmsKeyArn: silver.kmsKeyArn,
      accessLogs: { bucketName: silver.accessLogBucketName },
      ...dataArgs,
      tags,
    },
    protection,
  );
  const gold: BucketRef = {
    bucketName: bucket.bucketName,
    bucketArn: bucket.bucketArn,
    kmsKeyArn: bucket.kmsKeyArn,
  };
  const silverRef: BucketRef = {
    bucketName: silver.silverBucketName,
    bucketArn: silver.silverBucketArn,
    kmsKeyArn: silver.kmsKeyArn,
  };
  const database = new LayerDatabase(
    `${namePrefix}-gold-db`,
    {
      layer: "gold",
      databaseName: GOLD_DATABASE,
      bucketName: bucket.bucketName,
      description: "Business-ready tables",
      tags,
    },
    protection,
  );

  const contracts = datasets.byLayer("gold");
  const tables = contracts.map(
    (contract) =>
      new DatasetTable(
        `${namePrefix}-gold-${contract.name}`,
        { contract, databaseName: database.databaseName, location: database.tableLocation(contract.name) },
        { parent: database },
      ),
  );

  // One upload for every gold job, read in place (not protected: each new package replaces the object).
  const jobPackage = uploadJobPackage(`${namePrefix}-gold-job-package`, {
    bucket: gold,
    prefix: GOLD_PREFIXES.artifacts,
    jobPackage: options.jobPackage ?? lakeJobsPackage(),
    tags,
  });
  const script = entryScript("silver_to_gold");
  const jobs = contracts.map((contract, i) => {
    const sources = goldSources(contract, datasets);
    const job = new SparkJob(
      `${namePrefix}-s2g-${contract.name}`,
      {
        contract,
        relatedContracts: sources,
        script,
        packageObject: jobPackage.location,
        artifacts: { bucket: gold, prefix: GOLD_PREFIXES.artifacts },
        input: { bucket: silverRef },
        output: { bucket: gold },
        report: { bucket: gold, prefix: GOLD_PREFIXES.reports },
        env: config.environment,
        catalog: {
          write: { databaseArn: database.databaseArn },
          read: [{ databaseArn: silver.silverDatabaseArn, tables: sources.map((s) => s.name) }],
        },
        glue: {
          workerType: config.workerType,
          numberOfWorkers: config.numberOfWorkers,
          timeoutMinutes: config.timeoutMinutes,
          maxRetries: config.maxRetries,
        },
        tags,
      },
      // Not under the protected database: a job is not data.
      { dependsOn: [tables[i] as DatasetTable] },
    );
    if (!job.jobName)
      throw new Error(`SparkJob for ${contract.name} has no Glue job: this stack deploys to Glue only`);
    return job.jobName;
  });

  // Query results: a bucket of their own (short retention, no archive tiers) or a prefix of the gold bucket.
  const results =
    config.athenaResults === "results-bucket"
      ? new LakeBucket(
          `${namePrefix}-athena-results`,
          {
            layer: "gold",
            bucketName: bucketName("athena-results"),
            kmsKeyArn: silver.kmsKeyArn,
            accessLogs: { bucketName: silver.accessLogBucketName },
            lifecycle: {
              expirationDays: config.athenaResultsRetentionDays,
              intelligentTieringDays: null,
              archiveDays: null,
            },
            ...dataArgs,
            tags,
          },
          protection,
        )
      : bucket;
  const workgroups = createAthenaWorkgroups(
    {
      namePrefix,
      workgroups: config.athenaWorkgroups,
      resultsBucketName: results.bucketName,
      kmsKeyArn: silver.kmsKeyArn,
      accountId,
      databaseName: database.databaseName,
      databaseSqlName: GOLD_DATABASE,
      forceDestroy: !config.protectData,
      tags,
    },
    {},
  );

  const spectrum = config.spectrum.enabled
    ? createSpectrumAccess(
        {
          namePrefix,
          settings: config.spectrum,
          region: config.region,
          accountId,
          databaseName: database.databaseName,
          databaseArn: database.databaseArn,
          catalogArn: database.catalogArn,
          goldBucketArn: bucket.bucketArn,
          kmsKeyArn: silver.kmsKeyArn,
          tags,
        },
        {},
      )
    : undefined;

  return {
    goldBucketName: bucket.bucketName,
    goldBucketArn: bucket.bucketArn,
    goldDatabaseName: database.databaseName,
    goldDatabaseArn: database.databaseArn,
    tables: pulumi.output(Object.fromEntries(contracts.map((c) => [c.name, c.format]))),
    silverToGoldJobs: pulumi
      .all(jobs)
      .apply((names) => Object.fromEntries(contracts.map((c, i) => [c.name, names[i] as string]))),
    athenaWorkgroups: pulumi.output(workgroups),
    athenaResultsBucketName: results.bucketName,
    spectrum: spectrum
      ? pulumi
          .all([spectrum.roleArn, spectrum.createExternalSchemaSql])
          .apply(([roleArn, createExternalSchemaSql]) => ({
            roleArn,
            createExternalSchemaSql,
            appliedBy: spectrum.appliedBy,
          }))
      : pulumi.output(null),
  };
}
