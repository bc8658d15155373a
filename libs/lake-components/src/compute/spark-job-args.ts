// What a SparkJob is given, and every way those arguments can be wrong, checked before anything is created.
import type { DatasetContract } from "@lake/schemas";
import type * as pulumi from "@pulumi/pulumi";
import type { BucketRef } from "../storage/lake-bucket.js";
import type { JobFile, LoadedFile } from "./artifacts.js";
import { glueSettingsErrors, type GlueJobSettings, type ResolvedGlueSettings } from "./glue-settings.js";
import { keysDifferingFrom, wholeBucketWrites, type JobScopes } from "./job-policy.js";

/** What the job does; decides its description and the `lake_jobs` module its entry script runs. */
export const JOB_KINDS = {
  bronze_to_silver: (c: DatasetContract) => `bronze -> silver for ${c.layer}.${c.name}`,
  quality: (c: DatasetContract) => `quality checks of ${c.layer}.${c.name}`,
  silver_to_gold: (c: DatasetContract) => `silver -> gold for ${c.layer}.${c.name}`,
} as const;
export type JobKind = keyof typeof JOB_KINDS;

/** A folder of a lake bucket the job reads or writes. */
export interface JobLocation {
  readonly bucket: BucketRef;
  /** Key prefix: the URI passed to the job is `s3://<bucket>/<prefix>`. Defaults to the bucket root. */
  readonly prefix?: string;
  /**
   * Key prefixes below `prefix` the role may use, when less than the whole folder. Defaults: for `input`, the
   * contract's bronze prefix (a source) or the related datasets' folders; for `output`, the contract's table
   * folder; for the others, the whole `prefix`.
   */
  readonly scope?: readonly string[];
}

/** An object already in a lake bucket, such as the job package a stack uploads once for all its jobs. */
export interface UploadedObject {
  readonly bucket: BucketRef;
  readonly key: pulumi.Input<string>;
}

/** A Glue database and the tables of it the job uses. */
export interface CatalogAccess {
  readonly databaseArn: pulumi.Input<string>;
  readonly tables: readonly string[];
}

export interface SparkJobArgs {
  /** What the job does (its description and entry module). */
  readonly kind: JobKind;
  /** The dataset the job writes (or, for a quality job, checks). */
  readonly contract: DatasetContract;
  /** Datasets the job reads besides bronze (a gold job's silver sources); their contracts ship with the job. */
  readonly relatedContracts?: readonly DatasetContract[];
  /** The entry script: `entryScript(kind)`, the module's `__main__.py`. */
  readonly script: JobFile;
  /**
   * The zipped `lake_jobs` package, uploaded once per stack for every job (`uploadJobPackage`): the job's role
   * may read exactly that object, and decrypt with its bucket's key.
   */
  readonly packageObject: UploadedObject;
  /** Where the script and contracts are uploaded. Defaults the prefix to `artifacts/`. */
  readonly artifacts: JobLocation;
  /** `--input`: the root the job reads (bronze for bronze -> silver, silver for silver -> gold). */
  readonly input: JobLocation;
  /** `--output`: the layer root; the job writes `<root><dataset>/`. */
  readonly output: JobLocation;
  /** `--quarantine`: the quarantine table folder, for jobs that quarantine rows. */
  readonly quarantine?: JobLocation;
  /** `--report`: the folder of run reports. */
  readonly report: JobLocation;
  /** `--env`: `dev` or `prod` (PII is masked outside prod). */
  readonly env: pulumi.Input<string>;
  /** Catalog access: the database and tables written (Defaults the tables to the contract's), and those read. */
  readonly catalog: {
    readonly write: { readonly databaseArn: pulumi.Input<string>; readonly tables?: readonly string[] };
    readonly read?: readonly CatalogAccess[];
  };
  /**
   * Key of the Glue security configuration (S3, CloudWatch Logs and bookmark encryption). Defaults to the output
   * bucket's key; the quarantine and report buckets must use the same key, since Glue writes with it.
   */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** The Iceberg catalog name in the jobs' table names (`lake.<layer>.<dataset>`). Defaults to `lake`. */
  readonly icebergCatalog?: string;
  readonly glue?: GlueJobSettings;
  /** More default arguments of the Glue job. */
  readonly extraArguments?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Secrets Manager secrets the job reads (the role may get their values and decrypt with their keys). */
  readonly secrets?: readonly {
    readonly secretArn: pulumi.Input<string>;
    readonly kmsKeyArn: pulumi.Input<string>;
  }[];
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const ZIP_ONLY = "must be a .zip (Glue --extra-py-files takes zips)";

/** The key that encrypts what the job writes: the explicit one, else the output bucket's. */
export function securityKeyOf(args: SparkJobArgs): pulumi.Input<string> {
  return args.kmsKeyArn ?? args.output.bucket.kmsKeyArn;
}

/** The keys of the buckets Glue writes with the security configuration's key. */
export function writtenKeysOf(args: SparkJobArgs): (pulumi.Input<string> | undefined)[] {
  return [args.output.bucket.kmsKeyArn, args.quarantine?.bucket.kmsKeyArn, args.report.bucket.kmsKeyArn];
}

/** The message when a bucket Glue writes uses another key than the security configuration's, else undefined. */
export function keyMismatch(key: string, others: readonly (string | undefined)[]): string | undefined {
  const differing = keysDifferingFrom(key, others);
  return differing.length === 0
    ? undefined
    : `the output, quarantine and report buckets must be encrypted with the security configuration key ${key}; got ${differing.join(", ")}`;
}

/**
 * Every problem of the arguments that is known before deployment, one message each: the Glue settings, a write
 * scope that would cover a whole bucket, a bad catalog name, a repeated contract, a package that is not a zip,
 * and buckets written with another key than the job's (when the keys are plain strings already).
 */
export function sparkJobProblems(
  args: SparkJobArgs,
  glue: ResolvedGlueSettings,
  scopes: JobScopes,
  script: LoadedFile | Error,
): string[] {
  const c = args.contract;
  const icebergCatalog = args.icebergCatalog ?? "lake";
  const problems = [
    ...(args.kind in JOB_KINDS ? [] : [`kind must be one of ${Object.keys(JOB_KINDS).join(", ")}`]),
    ...glueSettingsErrors(glue),
    ...wholeBucketWrites(scopes),
    ...(/^[a-z][a-z0-9_]*$/.test(icebergCatalog)
      ? []
      : [`icebergCatalog "${icebergCatalog}" is not a Spark catalog name`]),
    ...(args.relatedContracts ?? [])
      .filter((r) => r.name === c.name)
      .map(() => `relatedContracts repeats the job's own contract ${c.name}`),
    ...(script instanceof Error ? [script.message] : []),
  ];
  const packageKey = args.packageObject.key;
  if (typeof packageKey === "string" && !packageKey.endsWith(".zip")) {
    problems.push(`packageObject.key "${packageKey}" ${ZIP_ONLY}`);
  }
  const key = securityKeyOf(args);
  const written = writtenKeysOf(args);
  if (typeof key === "string" && written.every((k) => k === undefined || typeof k === "string")) {
    const mismatch = keyMismatch(key, written);
    if (mismatch) problems.push(mismatch);
  }
  return problems;
}
