// The least-privilege policy of one Spark job's role, derived from what it reads and writes.
import type * as pulumi from "@pulumi/pulumi";
import {
  glueCatalogStatements,
  kmsStatements,
  logsStatements,
  metricsStatement,
  s3ReadStatements,
  s3WriteStatements,
  type GlueScope,
  type PolicyStatement,
  type S3Scope,
} from "../iam/policy-document.js";

export interface JobAccess {
  /** Objects the job reads: its artifacts and its input. */
  readonly reads: readonly S3Scope[];
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
}

export function jobPolicyStatements(a: JobAccess): PolicyStatement[] {
  return [
    ...a.reads.flatMap((scope, i) => s3ReadStatements(scope, `Read${i}`)),
    ...a.writes.flatMap((scope, i) => s3WriteStatements(scope, `Write${i}`)),
    ...kmsStatements(a.decryptKeys, "decrypt", "DecryptInputs"),
    ...kmsStatements(a.encryptKeys, "encrypt", "EncryptOutputs"),
    ...glueCatalogStatements(a.catalogWrite, "write", "CatalogWrite"),
    ...a.catalogReads.flatMap((scope, i) => glueCatalogStatements(scope, "read", `CatalogRead${i}`)),
    ...logsStatements(a.logGroupArnPrefix),
    ...(a.metricsNamespace === undefined ? [] : [metricsStatement(a.metricsNamespace)]),
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
