// The least-privilege policy of one Spark job's role, derived from what it reads and writes.
import type { DatasetContract } from "@lake/schemas";
import * as pulumi from "@pulumi/pulumi";
import { glueCatalogArn, glueDatabaseArn, glueTableArn, logGroupArnPrefix } from "../iam/arns.js";
import {
  glueCatalogStatements,
  kmsStatements,
  lakeFormationDataAccessStatement,
  logsStatements,
  metricsStatement,
  s3ObjectReadStatement,
  s3ReadStatements,
  s3WriteStatements,
  secretReadStatement,
  type GlueScope,
  type PolicyStatement,
  type S3Object,
  type S3Scope,
} from "../iam/policy-document.js";
import { s3Prefix } from "../naming.js";
import type { SparkJobArgs } from "./spark-job-args.js";

export interface JobAccess {
  /** Objects the job reads: its artifacts and its input. */
  readonly reads: readonly S3Scope[];
  /** Single objects it reads besides those, such as a job package the stack uploaded once for every job. */
  readonly objectReads?: readonly S3Object[];
  /** Objects the job writes: its table, quarantine, report and temporary files. */
  readonly writes: readonly S3Scope[];
  /** Keys of what it only reads. */
  readonly decryptKeys: readonly pulumi.Input<string>[];
  /** Keys of what it writes (and of its security configuration). */
  readonly encryptKeys: readonly pulumi.Input<string>[];
  /** The database and tables it writes. */
  readonly catalogWrite: GlueScope;
  /** Databases and tables it only reads. */
  readonly catalogReads: readonly GlueScope[];
  /** ARN prefix of the log groups it writes. */
  readonly logGroupArnPrefix: pulumi.Input<string>;
  /** CloudWatch metrics namespace it publishes to (Glue job metrics), if any. */
  readonly metricsNamespace?: string;
  /** Secrets Manager secrets it reads (the mask key). */
  readonly secrets?: readonly pulumi.Input<string>[];
}

export function jobPolicyStatements(a: JobAccess): PolicyStatement[] {
  return [
    ...a.reads.flatMap((scope, i) => s3ReadStatements(scope, `Read${i}`)),
    ...(a.objectReads ?? []).map((object, i) => s3ObjectReadStatement(object, `ReadObject${i}`)),
    ...a.writes.flatMap((scope, i) => s3WriteStatements(scope, `Write${i}`)),
    ...kmsStatements(a.decryptKeys, "decrypt", "DecryptInputs"),
    ...kmsStatements(a.encryptKeys, "encrypt", "EncryptOutputs"),
    ...glueCatalogStatements(a.catalogWrite, "write", "CatalogWrite"),
    ...a.catalogReads.flatMap((scope, i) => glueCatalogStatements(scope, "read", `CatalogRead${i}`)),
    // Where the governance stack registered the tables' locations, the job reads them with Lake Formation's
    // credentials for its grants (the pipeline persona's), not with its S3 statements.
    lakeFormationDataAccessStatement(),
    ...logsStatements(a.logGroupArnPrefix),
    ...(a.metricsNamespace === undefined ? [] : [metricsStatement(a.metricsNamespace)]),
    ...(a.secrets && a.secrets.length > 0 ? [secretReadStatement(a.secrets)] : []),
  ];
}

/**
 * Keys among `others` that differ from the Glue security configuration's `key`. Glue writes S3 data with that
 * key, and a LakeBucket's policy refuses uploads that name another key, so every bucket the job writes must
 * use it.
 */
export function keysDifferingFrom(key: string, others: readonly (string | undefined)[]): string[] {
  return [...new Set(others.filter((k): k is string => k !== undefined && k !== key))];
}

/** A job location's key prefix and, optionally, the narrower prefixes below it the role may use. */
export interface LocationPrefix {
  readonly prefix?: string;
  readonly scope?: readonly string[];
}

/** The key prefixes, per location, the job's role is granted. */
export interface JobScopes {
  readonly input: string[];
  readonly output: string[];
  readonly quarantine?: string[];
  readonly report: string[];
}

/**
 * Derives the prefixes from what the job does when no scope is given: a bronze -> silver job reads its source's
 * bronze prefix, a job with related contracts reads their table folders, and a job writes its own table folder;
 * quarantine and report folders are used whole.
 */
export function jobScopes(
  c: DatasetContract,
  related: readonly DatasetContract[],
  at: {
    readonly input: LocationPrefix;
    readonly output: LocationPrefix;
    readonly quarantine?: LocationPrefix;
    readonly report: LocationPrefix;
  },
): JobScopes {
  const within = (loc: LocationPrefix, fallback: readonly string[]) =>
    (loc.scope ?? fallback).map((p) => s3Prefix(loc.prefix ?? "", p));
  return {
    input: within(
      at.input,
      c.source ? [c.source.bronzePrefix] : related.length > 0 ? related.map((r) => r.name) : [""],
    ),
    output: within(at.output, [c.name]),
    ...(at.quarantine ? { quarantine: within(at.quarantine, [""]) } : {}),
    report: within(at.report, [""]),
  };
}

/** A write grant on "" is a grant on the whole bucket: one message per location that would get one. */
export function wholeBucketWrites(scopes: JobScopes): string[] {
  return (["output", "quarantine", "report"] as const)
    .filter(
      (where) => scopes[where] !== undefined && (scopes[where].length === 0 || scopes[where].includes("")),
    )
    .map((where) => `${where} would be writable on the whole bucket: give it a prefix (or a scope)`);
}

/** The catalog scope of `tables` of the database `databaseArn`. */
function catalogScope(databaseArn: pulumi.Output<string>, tables: readonly string[]): GlueScope {
  return {
    catalogArn: databaseArn.apply(glueCatalogArn),
    databaseArn,
    tableArns: tables.map((t) => databaseArn.apply((arn) => glueTableArn(arn, t))),
  };
}

/**
 * What a Spark job's role may do, from its arguments: read its artifacts (under `artifactRoot`), its input
 * scopes and the one package object; write its table, quarantine and report scopes and its Glue temp folder;
 * use the keys of each; write its own tables and read the ones it names; write Glue's log groups and metrics.
 */
export function sparkJobAccess(
  args: SparkJobArgs,
  scopes: JobScopes,
  artifactRoot: string,
  securityKey: pulumi.Input<string>,
): JobAccess {
  const writeDatabaseArn = pulumi.output(args.catalog.write.databaseArn);
  return {
    reads: [
      { bucketArn: args.artifacts.bucket.bucketArn, prefixes: [artifactRoot] },
      { bucketArn: args.input.bucket.bucketArn, prefixes: scopes.input },
    ],
    objectReads: [{ bucketArn: args.packageObject.bucket.bucketArn, key: args.packageObject.key }],
    writes: [
      { bucketArn: args.output.bucket.bucketArn, prefixes: scopes.output },
      ...(args.quarantine
        ? [{ bucketArn: args.quarantine.bucket.bucketArn, prefixes: scopes.quarantine ?? [] }]
        : []),
      { bucketArn: args.report.bucket.bucketArn, prefixes: scopes.report },
      // Glue's --TempDir.
      { bucketArn: args.artifacts.bucket.bucketArn, prefixes: [`${artifactRoot}tmp/`] },
    ],
    decryptKeys: [
      args.artifacts.bucket.kmsKeyArn,
      args.input.bucket.kmsKeyArn,
      ...(args.secrets ?? []).map((s) => s.kmsKeyArn),
      // The package's key, unless it is the very key the artifacts already name (the same bucket).
      ...(args.packageObject.bucket.kmsKeyArn !== args.artifacts.bucket.kmsKeyArn
        ? [args.packageObject.bucket.kmsKeyArn]
        : []),
    ],
    encryptKeys: [
      securityKey,
      args.output.bucket.kmsKeyArn,
      ...(args.quarantine ? [args.quarantine.bucket.kmsKeyArn] : []),
      args.report.bucket.kmsKeyArn,
      args.artifacts.bucket.kmsKeyArn,
    ],
    catalogWrite: catalogScope(writeDatabaseArn, args.catalog.write.tables ?? [args.contract.name]),
    catalogReads: [
      // Spark's Hive client looks up the `default` database when it starts.
      {
        ...catalogScope(writeDatabaseArn, []),
        databaseArn: writeDatabaseArn.apply((arn) => glueDatabaseArn(arn, "default")),
      },
      ...(args.catalog.read ?? []).map((r) => catalogScope(pulumi.output(r.databaseArn), r.tables)),
    ],
    logGroupArnPrefix: writeDatabaseArn.apply((arn) => logGroupArnPrefix(arn, "/aws-glue/")),
    metricsNamespace: "Glue",
    secrets: (args.secrets ?? []).map((s) => s.secretArn),
  };
}
