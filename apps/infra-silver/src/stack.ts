import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  DataQualityRuleset,
  DatasetTable,
  entryScript,
  lakeJobsPackage,
  MaskKeySecret,
  SparkJob,
  uploadJobPackage,
  type JobPackage,
} from "@lake/lake-components";
import type { DatasetContract, DatasetRegistry } from "@lake/schemas";
import {
  bronzeStack,
  dataProtection,
  layerStorage,
  glueJobSettings,
  perDataset,
  readStack,
  type SilverStackOutputs,
  type StackExports,
} from "@lake/stacks";
import type { SilverConfig } from "./config.js";

export interface SilverStackOptions {
  /** The `lake_jobs` package; defaults to a zip of `libs/spark-jobs/src/lake_jobs`. */
  readonly jobPackage?: JobPackage;
}

/** Key prefixes of the silver bucket besides the tables. */
export const SILVER_PREFIXES = {
  artifacts: "artifacts/",
  reports: "reports/",
  quarantine: "quarantine/",
  qualityResults: "quality_results/",
} as const;

/** The partition of quality_results a dataset's quality run writes (the table is partitioned by `dataset` first). */
export function qualityResultsPartition(contract: DatasetContract): string {
  return `dataset=${contract.name}/`;
}

/** The silver layer: bucket, database, a table per silver contract, and per source the jobs and the DQ ruleset. */
export function createSilverStack(
  config: SilverConfig,
  datasets: DatasetRegistry,
  options: SilverStackOptions = {},
): StackExports<SilverStackOutputs> {
  const { namePrefix, tags } = config;
  const protection = dataProtection(config.protectData);
  const bronze = readStack(bronzeStack, config.bronzeStack, [
    "kmsKeyArn",
    "accessLogBucketName",
    "bronzeBucketName",
    "bronzeBucketArn",
  ]);
  const accountId = aws.getCallerIdentityOutput().accountId;

  const { bucket, database } = layerStorage({
    namePrefix,
    layer: "silver",
    accountId,
    region: config.region,
    kmsKeyArn: bronze.kmsKeyArn,
    accessLogs: { bucketName: bronze.accessLogBucketName },
    description: "Validated, deduplicated, standardized datasets",
    protection,
    tags,
  });

  const sources = datasets.withSource();
  const tables = perDataset(
    datasets.byLayer("silver"),
    (contract) =>
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
  );

  // Uploaded once and read in place by every job. Not under the protected bucket: a new package replaces the
  // old object, which must be deletable.
  const jobPackage = options.jobPackage ?? lakeJobsPackage();
  const jobPackageUpload = uploadJobPackage(`${namePrefix}-silver-job-package`, {
    bucket,
    prefix: SILVER_PREFIXES.artifacts,
    jobPackage,
    tags,
  });
  const common = {
    packageObject: jobPackageUpload.location,
    artifacts: { bucket, prefix: SILVER_PREFIXES.artifacts },
    report: { bucket, prefix: SILVER_PREFIXES.reports },
    env: config.environment,
    glue: glueJobSettings(config),
    tags,
  };
  const bronzeBucket = {
    bucketName: bronze.bronzeBucketName,
    bucketArn: bronze.bronzeBucketArn,
    kmsKeyArn: bronze.kmsKeyArn,
  };
  const bronzeToSilverScript = entryScript("bronze_to_silver");
  const qualityScript = entryScript("quality");
  // Outside production the jobs mask PII, and the hash mask is keyed: one key for every run and dataset.
  const maskKey =
    config.environment === "prod"
      ? undefined
      : new MaskKeySecret(`${namePrefix}-mask-key`, { kmsKeyArn: bronze.kmsKeyArn, tags });
  const quarantine = datasets.get("quarantine");
  const qualityResults = datasets.get("quality_results");

  // Jobs, their roles and rulesets are not data: they stay outside the protected database.
  const perSource = perDataset(sources, (contract) => {
    const bronzeToSilver = new SparkJob(`${namePrefix}-b2s-${contract.name}`, {
      ...common,
      kind: "bronze_to_silver",
      contract,
      relatedContracts: [quarantine],
      script: bronzeToSilverScript,
      input: { bucket: bronzeBucket },
      output: { bucket },
      quarantine: { bucket, prefix: SILVER_PREFIXES.quarantine },
      catalog: { write: { databaseArn: database.databaseArn, tables: [contract.name, quarantine.name] } },
      ...(maskKey
        ? {
            secrets: [maskKey],
            extraArguments: { "--mask-key-secret-id": maskKey.secretArn },
          }
        : {}),
    });
    const references = datasets.referencesOf(contract).map((r) => r.name);
    const quality = new SparkJob(`${namePrefix}-quality-${contract.name}`, {
      ...common,
      kind: "quality",
      contract,
      relatedContracts: [qualityResults, ...datasets.referencesOf(contract)],
      script: qualityScript,
      // A quality run reads the dataset and those its references rules name, and writes its own partition of
      // quality_results: not the scopes SparkJob derives for a job that writes the dataset itself.
      input: { bucket, scope: [contract.name, ...references] },
      output: {
        bucket,
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
      {
        contract,
        databaseName: database.databaseName,
        // The orchestrator's evaluation run reads what the quality job reads: the table and its references.
        evaluation: {
          databaseArn: database.databaseArn,
          bucketArn: bucket.bucketArn,
          tablePrefixes: [contract.name, ...references].map((t) => `${t}/`),
          referencedTables: references,
          kmsKeyArn: bronze.kmsKeyArn,
          accountId,
        },
        tags,
      },
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
    tableNames: pulumi.all(tables.values().map((t) => t.tableName)),
    bronzeToSilverJobs: perSource.record((j) => j.bronzeToSilver.jobName),
    qualityJobs: perSource.record((j) => j.quality.jobName),
    rulesetNames: perSource.record((j) => j.ruleset.rulesetName),
    bronzeToSilverJobRoles: perSource.record((j) => j.bronzeToSilver.roleArn),
    qualityJobRoles: perSource.record((j) => j.quality.roleArn),
    dataQualityRoles: perSource.record((j) => j.ruleset.evaluationRole!.roleArn),
  };
}
