import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  AthenaWorkgroup,
  DatasetTable,
  entryScript,
  goldBuilders,
  lakeJobsPackage,
  LakeBucket,
  missingGoldBuilders,
  SparkJob,
  SpectrumAccess,
  uploadJobPackage,
  type JobPackage,
} from "@lake/lake-components";
import { athenaNamedQueries, athenaPreparedStatements, type DatasetRegistry } from "@lake/schemas";
import {
  dataProtection,
  layerStorage,
  glueJobSettings,
  lakeBucketName,
  perDataset,
  readStack,
  silverStack,
  type GoldStackOutputs,
  type StackExports,
} from "@lake/stacks";
import type { GoldConfig } from "./config.js";

export interface GoldStackOptions {
  /** The `lake_jobs` package; defaults to a zip of `libs/spark-jobs/src/lake_jobs`. */
  readonly jobPackage?: JobPackage;
  /** The gold datasets the package has builders for; defaults to the package's own (`goldBuilders()`). */
  readonly builders?: readonly string[];
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
): StackExports<GoldStackOutputs> {
  const { namePrefix, tags } = config;
  const contracts = datasets.byLayer("gold");
  const missing = missingGoldBuilders(
    contracts.map((c) => c.name),
    options.builders ?? goldBuilders(),
  );
  if (missing.length > 0) throw new Error(`infra-gold: ${missing.join("; ")}`);
  const protection = dataProtection(config.protectData);
  const silver = readStack(silverStack, config.silverStack, [
    "kmsKeyArn",
    "accessLogBucketName",
    "silverBucketName",
    "silverBucketArn",
    "silverDatabaseArn",
  ]);
  const accountId = aws.getCallerIdentityOutput().accountId;

  const { bucket, database } = layerStorage({
    namePrefix,
    layer: "gold",
    databaseName: GOLD_DATABASE,
    accountId,
    region: config.region,
    kmsKeyArn: silver.kmsKeyArn,
    accessLogs: { bucketName: silver.accessLogBucketName },
    description: "Business-ready tables",
    protection,
    tags,
  });
  const silverBucket = {
    bucketName: silver.silverBucketName,
    bucketArn: silver.silverBucketArn,
    kmsKeyArn: silver.kmsKeyArn,
  };

  const tables = perDataset(
    contracts,
    (contract) =>
      new DatasetTable(
        `${namePrefix}-gold-${contract.name}`,
        { contract, databaseName: database.databaseName, location: database.tableLocation(contract.name) },
        { parent: database },
      ),
  );

  // One upload for every gold job, read in place (not protected: each new package replaces the object).
  const jobPackage = uploadJobPackage(`${namePrefix}-gold-job-package`, {
    bucket,
    prefix: GOLD_PREFIXES.artifacts,
    jobPackage: options.jobPackage ?? lakeJobsPackage(),
    tags,
  });
  const script = entryScript("silver_to_gold");
  const jobs = perDataset(contracts, (contract) => {
    // The job reads exactly the silver datasets the contract is derived from, and its role may read only those.
    const sources = datasets.sourcesOf(contract);
    return new SparkJob(
      `${namePrefix}-s2g-${contract.name}`,
      {
        kind: "silver_to_gold",
        contract,
        relatedContracts: sources,
        script,
        packageObject: jobPackage.location,
        artifacts: { bucket, prefix: GOLD_PREFIXES.artifacts },
        input: { bucket: silverBucket },
        output: { bucket },
        report: { bucket, prefix: GOLD_PREFIXES.reports },
        env: config.environment,
        catalog: {
          write: { databaseArn: database.databaseArn },
          read: [{ databaseArn: silver.silverDatabaseArn, tables: sources.map((s) => s.name) }],
        },
        glue: glueJobSettings(config),
        tags,
      },
      // Not under the protected database: a job is not data.
      { dependsOn: [tables.get(contract.name)] },
    );
  });

  // Query results: a bucket of their own (short retention, no archive tiers) or a prefix of the gold bucket.
  const results =
    config.athenaResults === "results-bucket"
      ? new LakeBucket(
          `${namePrefix}-athena-results`,
          {
            layer: "gold",
            bucketName: lakeBucketName(namePrefix, "athena-results", accountId, config.region),
            kmsKeyArn: silver.kmsKeyArn,
            accessLogs: { bucketName: silver.accessLogBucketName },
            lifecycle: {
              expirationDays: config.athenaResultsRetentionDays,
              intelligentTieringDays: null,
              archiveDays: null,
            },
            ...protection.args,
            tags,
          },
          protection.options,
        )
      : bucket;
  const workgroups = Object.fromEntries(
    config.athenaWorkgroups.map((wg) => {
      const workgroup = new AthenaWorkgroup(`${namePrefix}-${wg.name}`, {
        workgroupName: `${namePrefix}-${wg.name}`,
        description: wg.description ?? `Queries over the gold layer (${wg.name})`,
        resultsBucketName: results.bucketName,
        resultsPrefix: `${GOLD_PREFIXES.athenaResults}${wg.name}/`,
        kmsKeyArn: silver.kmsKeyArn,
        expectedBucketOwner: accountId,
        bytesScannedCutoffPerQuery: wg.bytesScannedCutoffPerQuery,
        database: database.databaseName,
        namedQueries: athenaNamedQueries(GOLD_DATABASE),
        preparedStatements: athenaPreparedStatements(GOLD_DATABASE),
        forceDestroy: !config.protectData,
        tags,
      });
      return [wg.name, { name: workgroup.workgroupName, outputLocation: workgroup.outputLocation }];
    }),
  );

  const { spectrum: settings } = config;
  const spectrum = settings.enabled
    ? new SpectrumAccess(`${namePrefix}-spectrum`, {
        schemaName: settings.schemaName,
        database: settings.database,
        ...(settings.workgroupName
          ? { target: { workgroupName: settings.workgroupName } }
          : settings.clusterIdentifier && settings.dbUser
            ? { target: { clusterIdentifier: settings.clusterIdentifier, dbUser: settings.dbUser } }
            : {}),
        region: config.region,
        accountId,
        glueDatabaseName: database.databaseName,
        glueDatabaseArn: database.databaseArn,
        catalogArn: database.catalogArn,
        bucketArn: bucket.bucketArn,
        kmsKeyArn: silver.kmsKeyArn,
        tags,
      })
    : undefined;

  return {
    goldBucketName: bucket.bucketName,
    goldBucketArn: bucket.bucketArn,
    goldDatabaseName: database.databaseName,
    goldDatabaseArn: database.databaseArn,
    tables: pulumi.output(Object.fromEntries(contracts.map((c) => [c.name, c.format]))),
    silverToGoldJobs: jobs.record((job) => job.jobName),
    silverToGoldJobRoles: jobs.record((job) => job.roleArn),
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
