import type { DatasetContract } from "@lake/schemas";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { glueCatalogArn, glueDatabaseArn, glueTableArn, logGroupArnPrefix } from "../iam/arns.js";
import type { GlueScope, S3Scope } from "../iam/policy-document.js";
import { ServiceRole } from "../iam/service-role.js";
import { s3Prefix } from "../naming.js";
import type { BucketRef } from "../storage/lake-bucket.js";
import { contractBundle, hashedKey, loadJobFile, type JobFile, type LoadedFile } from "./artifacts.js";
import {
  emrSettingsErrors,
  glueSettingsErrors,
  resolveEmrSettings,
  resolveGlueSettings,
  type EmrServerlessSettings,
  type GlueJobSettings,
} from "./glue-settings.js";
import {
  emrSparkDefaults,
  emrSparkSubmitParameters,
  entryPointArguments,
  glueDefaultArguments,
  jobArguments,
  lakeFormats,
  type CatalogSettings,
} from "./job-arguments.js";
import { jobPolicyStatements, jobScopes, keysDifferingFrom, wholeBucketWrites } from "./job-policy.js";

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

export type SparkTarget = "glue" | "emr-serverless";

export interface SparkJobArgs {
  /** The dataset the job writes. */
  readonly contract: DatasetContract;
  /** Datasets the job reads besides bronze (a gold job's silver sources); their contracts ship with the job. */
  readonly relatedContracts?: readonly DatasetContract[];
  /** Where the job runs. Defaults to `glue`. */
  readonly target?: SparkTarget;
  /** The entry script (e.g. the bronze -> silver main). */
  readonly script: JobFile;
  /**
   * The zipped `lake_jobs` package (`libs/spark-jobs`), put on the Python path: uploaded by the job next to its
   * script. Give this or `packageObject`.
   */
  readonly packageArchive?: JobFile;
  /**
   * The zipped package already uploaded (once per stack, for every job): the job uploads no copy, and its role
   * may read exactly that object (and decrypt with its bucket's key). Give this or `packageArchive`.
   */
  readonly packageObject?: UploadedObject;
  /** Where the script, package and contracts are uploaded. Defaults the prefix to `artifacts/`. */
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
  readonly emrServerless?: EmrServerlessSettings;
  /** More default arguments (Glue) or entry point arguments (EMR Serverless). */
  readonly extraArguments?: Readonly<Record<string, string>>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const uri = (bucket: pulumi.Input<string>, key: pulumi.Input<string>) =>
  pulumi.interpolate`s3://${bucket}/${key}`;

/**
 * One Spark job of the lake: its artifacts uploaded under content-hashed keys, a role scoped to exactly the
 * prefixes, tables and keys it uses, and either an AWS Glue 5.0 job (with a KMS security configuration) or an
 * EMR Serverless application on an EMR 7 release. On EMR Serverless the orchestrator starts the runs, with the
 * outputs `applicationId`, `roleArn`, `scriptUri`, `entryPointArguments` and `sparkSubmitParameters`.
 */
export class SparkJob extends pulumi.ComponentResource {
  public readonly target: SparkTarget;
  /** The job's role (Glue job role, or EMR Serverless execution role). */
  public readonly roleArn: pulumi.Output<string>;
  /** The role name, to attach further policies. */
  public readonly roleName: pulumi.Output<string>;
  /** `s3://` URI of the uploaded entry script. */
  public readonly scriptUri: pulumi.Output<string>;
  /** `s3://` URI of the uploaded package zip. */
  public readonly packageUri: pulumi.Output<string>;
  /** `s3://` URI of the uploaded contract.json. */
  public readonly contractUri: pulumi.Output<string>;
  /** The job's own arguments: `--contract`, `--input`, `--output`, `--quarantine`, `--report`, `--env` ... */
  public readonly arguments: pulumi.Output<Record<string, string>>;
  /** Glue job name (target `glue`). */
  public readonly jobName?: pulumi.Output<string>;
  /** EMR Serverless application id (target `emr-serverless`). */
  public readonly applicationId?: pulumi.Output<string>;
  /** EMR Serverless application ARN. */
  public readonly applicationArn?: pulumi.Output<string>;
  /** StartJobRun entryPointArguments (EMR Serverless); add `--run-date` per run. */
  public readonly entryPointArguments?: pulumi.Output<string[]>;
  /** StartJobRun sparkSubmitParameters (EMR Serverless). */
  public readonly sparkSubmitParameters?: pulumi.Output<string>;

  constructor(name: string, args: SparkJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:compute:SparkJob", name, {}, opts);
    const c = args.contract;
    const related = args.relatedContracts ?? [];
    const target = args.target ?? "glue";
    const glue = resolveGlueSettings(args.glue);
    const emr = resolveEmrSettings(args.emrServerless);
    const icebergCatalog = args.icebergCatalog ?? "lake";
    const scopes = jobScopes(c, related, args);

    const problems: string[] = [
      ...(["glue", "emr-serverless"].includes(target)
        ? []
        : [`target must be glue or emr-serverless, got "${target}"`]),
      ...(target === "glue" ? glueSettingsErrors(glue) : emrSettingsErrors(emr)),
      ...(target === "glue" && args.emrServerless ? ["emrServerless settings given for target glue"] : []),
      ...(target === "emr-serverless" && args.glue ? ["glue settings given for target emr-serverless"] : []),
      ...wholeBucketWrites(scopes),
      ...(/^[a-z][a-z0-9_]*$/.test(icebergCatalog)
        ? []
        : [`icebergCatalog "${icebergCatalog}" is not a Spark catalog name`]),
      ...related
        .filter((r) => r.name === c.name)
        .map(() => `relatedContracts repeats the job's own contract ${c.name}`),
    ];
    const securityKeyInput = args.kmsKeyArn ?? args.output.bucket.kmsKeyArn;
    const writtenKeys = [
      args.output.bucket.kmsKeyArn,
      args.quarantine?.bucket.kmsKeyArn,
      args.report.bucket.kmsKeyArn,
    ];
    const keyMismatch = (key: string, others: readonly (string | undefined)[]) => {
      const differing = keysDifferingFrom(key, others);
      return differing.length === 0
        ? undefined
        : `the output, quarantine and report buckets must be encrypted with the security configuration key ${key}; got ${differing.join(", ")}`;
    };
    if (
      target === "glue" &&
      typeof securityKeyInput === "string" &&
      writtenKeys.every((k) => k === undefined || typeof k === "string")
    ) {
      const mismatch = keyMismatch(securityKeyInput, writtenKeys as (string | undefined)[]);
      if (mismatch) problems.push(mismatch);
    }
    const zipOnly = "must be a .zip (Glue --extra-py-files and spark-submit --py-files take zips)";
    if ((args.packageArchive === undefined) === (args.packageObject === undefined)) {
      problems.push(
        "give the package as packageArchive (uploaded by the job) or packageObject (already uploaded), exactly one",
      );
    }
    const packageKey = args.packageObject?.key;
    if (typeof packageKey === "string" && !packageKey.endsWith(".zip"))
      problems.push(`packageObject.key "${packageKey}" ${zipOnly}`);
    let script: LoadedFile | undefined;
    let pkg: LoadedFile | undefined;
    try {
      script = loadJobFile(args.script, "script");
      pkg = args.packageArchive && loadJobFile(args.packageArchive, "packageArchive");
    } catch (err) {
      problems.push((err as Error).message);
    }
    if (pkg && !pkg.fileName.endsWith(".zip")) problems.push(`packageArchive "${pkg.fileName}" ${zipOnly}`);
    if (problems.length > 0 || !script || !(pkg || args.packageObject)) {
      throw new pulumi.ResourceError(`SparkJob ${name} (dataset ${c.name}): ${problems.join("; ")}`, this);
    }

    // Artifacts: content-hashed keys under <artifacts prefix><job name>/.
    const artifactRoot = s3Prefix(args.artifacts.prefix ?? "artifacts", name);
    const artifactBucket = args.artifacts.bucket.bucketName;
    const upload = (suffix: string, key: string, file: LoadedFile) =>
      new aws.s3.BucketObjectv2(
        `${name}-${suffix}`,
        {
          bucket: artifactBucket,
          key,
          ...(file.path
            ? { source: new pulumi.asset.FileAsset(file.path) }
            : { contentBase64: Buffer.from(file.content).toString("base64") }),
          tags: args.tags,
        },
        { parent: this },
      );
    const scriptObject = upload("script", hashedKey(`${artifactRoot}scripts`, script), script);
    // A shared package is read where it is; a job's own copy goes next to its script.
    const ownPackage = (file: LoadedFile): UploadedObject => ({
      bucket: args.artifacts.bucket,
      key: upload("package", hashedKey(`${artifactRoot}packages`, file), file).key,
    });
    const packageLocation = args.packageObject ?? ownPackage(pkg as LoadedFile);
    const bundle = contractBundle(`${artifactRoot}contracts`, [c, ...related]);
    const contractObjects = bundle.files.map(
      (f) =>
        new aws.s3.BucketObjectv2(
          `${name}-contract-${f.dataset}`,
          {
            bucket: artifactBucket,
            key: f.key,
            content: f.content,
            contentType: "application/json",
            tags: args.tags,
          },
          { parent: this },
        ),
    );
    const ownContract = contractObjects[
      bundle.files.findIndex((f) => f.dataset === c.name)
    ] as aws.s3.BucketObjectv2;
    this.scriptUri = uri(artifactBucket, scriptObject.key);
    this.packageUri = uri(packageLocation.bucket.bucketName, packageLocation.key);
    this.contractUri = uri(artifactBucket, ownContract.key);
    // The folder URI resolves after every contract object exists.
    const contractsFolder = pulumi.all(contractObjects.map((o) => o.key)).apply(() => bundle.folder);

    // Locations, and what the role may do there.
    const folder = (loc: JobLocation) => uri(loc.bucket.bucketName, s3Prefix(loc.prefix ?? ""));
    const uris = {
      contract: this.contractUri,
      contracts: related.length > 0 ? uri(artifactBucket, contractsFolder) : undefined,
      input: folder(args.input),
      output: folder(args.output),
      quarantine: args.quarantine && folder(args.quarantine),
      report: folder(args.report),
      env: args.env,
    };
    this.arguments = pulumi.output(uris).apply((u) => jobArguments(u));

    const writeDatabaseArn = pulumi.output(args.catalog.write.databaseArn);
    const writeTables = args.catalog.write.tables ?? [c.name];
    const catalogScope = (databaseArn: pulumi.Output<string>, tables: readonly string[]): GlueScope => ({
      catalogArn: databaseArn.apply(glueCatalogArn),
      databaseArn,
      tableArns: tables.map((t) => databaseArn.apply((arn) => glueTableArn(arn, t))),
    });
    const securityKey = pulumi.output(securityKeyInput);
    const writes: S3Scope[] = [
      { bucketArn: args.output.bucket.bucketArn, prefixes: scopes.output },
      ...(args.quarantine
        ? [{ bucketArn: args.quarantine.bucket.bucketArn, prefixes: scopes.quarantine ?? [] }]
        : []),
      { bucketArn: args.report.bucket.bucketArn, prefixes: scopes.report },
      // Glue's --TempDir, or EMR Serverless's log folder.
      {
        bucketArn: args.artifacts.bucket.bucketArn,
        prefixes: [`${artifactRoot}${target === "glue" ? "tmp" : "logs"}/`],
      },
    ];
    const role = new ServiceRole(
      `${name}-job`,
      {
        service: target === "glue" ? "glue.amazonaws.com" : "emr-serverless.amazonaws.com",
        description: `Spark job writing ${c.layer}.${c.name}`,
        statements: jobPolicyStatements({
          reads: [
            { bucketArn: args.artifacts.bucket.bucketArn, prefixes: [artifactRoot] },
            { bucketArn: args.input.bucket.bucketArn, prefixes: scopes.input },
          ],
          objectReads: args.packageObject
            ? [{ bucketArn: args.packageObject.bucket.bucketArn, key: args.packageObject.key }]
            : [],
          writes,
          decryptKeys: [
            args.artifacts.bucket.kmsKeyArn,
            args.input.bucket.kmsKeyArn,
            // The package's key, unless it is the very key the artifacts already name (the same bucket).
            ...(args.packageObject && args.packageObject.bucket.kmsKeyArn !== args.artifacts.bucket.kmsKeyArn
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
          catalogWrite: catalogScope(writeDatabaseArn, writeTables),
          catalogReads: [
            // Spark's Hive client looks up the `default` database when it starts.
            {
              ...catalogScope(writeDatabaseArn, []),
              databaseArn: writeDatabaseArn.apply((arn) => glueDatabaseArn(arn, "default")),
            },
            ...(args.catalog.read ?? []).map((r) => catalogScope(pulumi.output(r.databaseArn), r.tables)),
          ],
          logGroupArnPrefix: writeDatabaseArn.apply((arn) =>
            logGroupArnPrefix(arn, target === "glue" ? "/aws-glue/" : "/aws/emr-serverless"),
          ),
          ...(target === "glue" ? { metricsNamespace: "Glue" } : {}),
        }),
        tags: args.tags,
      },
      { parent: this },
    );
    this.roleArn = role.roleArn;
    this.roleName = role.roleName;
    this.target = target;

    const catalog: pulumi.Output<CatalogSettings> = uris.output.apply((warehouse) => ({
      formats: lakeFormats([c, ...related]),
      icebergCatalog,
      warehouse,
    }));

    if (target === "glue") {
      // Keys only known at deployment are checked then, before the security configuration is created.
      const checkedKey = pulumi.all([securityKey, ...writtenKeys]).apply(([key, ...others]) => {
        const mismatch = keyMismatch(key as string, others);
        if (mismatch) throw new pulumi.ResourceError(`SparkJob ${name}: ${mismatch}`, this);
        return key;
      });
      const security = new aws.glue.SecurityConfiguration(
        `${name}-security`,
        {
          encryptionConfiguration: {
            s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: checkedKey },
            cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: checkedKey },
            jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: checkedKey },
          },
        },
        { parent: this },
      );
      const defaultArguments = pulumi
        .all([this.arguments, this.packageUri, uri(artifactBucket, `${artifactRoot}tmp/`), catalog])
        .apply(([job, packageUri, tempDir, cat]) =>
          glueDefaultArguments({
            job,
            packageUri,
            tempDir,
            catalog: cat,
            autoScaling: glue.autoScaling,
            bookmarks: glue.jobBookmarks,
            extra: args.extraArguments,
          }),
        );
      const job = new aws.glue.Job(
        `${name}-job`,
        {
          roleArn: role.roleArn,
          description: `${c.source ? "bronze -> silver" : "silver -> gold"} for ${c.layer}.${c.name}`,
          glueVersion: "5.0",
          command: { name: "glueetl", scriptLocation: this.scriptUri, pythonVersion: "3" },
          workerType: glue.workerType,
          numberOfWorkers: glue.numberOfWorkers,
          executionClass: glue.executionClass,
          timeout: glue.timeoutMinutes,
          maxRetries: glue.maxRetries,
          executionProperty: { maxConcurrentRuns: glue.maxConcurrentRuns },
          securityConfiguration: security.name,
          defaultArguments,
          tags: args.tags,
        },
        { parent: this },
      );
      this.jobName = job.name;
    } else {
      const logKey = securityKey;
      const app = new aws.emrserverless.Application(
        `${name}-app`,
        {
          type: "spark",
          releaseLabel: emr.releaseLabel,
          architecture: emr.architecture,
          autoStartConfiguration: { enabled: true },
          autoStopConfiguration: { enabled: true, idleTimeoutMinutes: emr.idleTimeoutMinutes },
          maximumCapacity: { cpu: `${emr.maximumVcpu} vCPU`, memory: `${emr.maximumMemoryGb} GB` },
          monitoringConfiguration: {
            s3MonitoringConfiguration: {
              logUri: uri(artifactBucket, `${artifactRoot}logs/`),
              encryptionKeyArn: logKey,
            },
            cloudwatchLoggingConfiguration: {
              enabled: true,
              logGroupName: `/aws/emr-serverless/${name}`,
              encryptionKeyArn: logKey,
            },
          },
          runtimeConfigurations: [
            { classification: "spark-defaults", properties: catalog.apply(emrSparkDefaults) },
          ],
          tags: args.tags,
        },
        { parent: this },
      );
      this.applicationId = app.id;
      this.applicationArn = app.arn;
      this.entryPointArguments = pulumi
        .all([this.arguments, pulumi.output(args.extraArguments ?? {})])
        .apply(([job, extra]) => entryPointArguments({ ...extra, ...job }));
      this.sparkSubmitParameters = this.packageUri.apply(emrSparkSubmitParameters);
    }

    this.registerOutputs({
      roleArn: this.roleArn,
      roleName: this.roleName,
      scriptUri: this.scriptUri,
      packageUri: this.packageUri,
      contractUri: this.contractUri,
      arguments: this.arguments,
      jobName: this.jobName,
      applicationId: this.applicationId,
      applicationArn: this.applicationArn,
      entryPointArguments: this.entryPointArguments,
      sparkSubmitParameters: this.sparkSubmitParameters,
    });
  }
}
