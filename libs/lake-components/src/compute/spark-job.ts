import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ServiceRole } from "../iam/service-role.js";
import { s3Prefix } from "../naming.js";
import { autoNamed } from "../physical-names.js";
import { contractBundle, hashedKey, loadJobFile, type LoadedFile } from "./artifacts.js";
import { glueJobArgs, glueSecurityConfigurationArgs } from "./glue-job.js";
import { resolveGlueSettings } from "./glue-settings.js";
import { glueDefaultArguments, jobArguments, lakeFormats } from "./job-arguments.js";
import { jobPolicyStatements, jobScopes, sparkJobAccess } from "./job-policy.js";
import {
  JOB_KINDS,
  keyMismatch,
  securityKeyOf,
  sparkJobProblems,
  writtenKeysOf,
  type JobLocation,
  type SparkJobArgs,
} from "./spark-job-args.js";

export * from "./spark-job-args.js";

const uri = (bucket: pulumi.Input<string>, key: pulumi.Input<string>) =>
  pulumi.interpolate`s3://${bucket}/${key}`;

/**
 * One Spark job of the lake on AWS Glue 5.0: its script and contracts uploaded under content-hashed keys, a role
 * scoped to exactly the prefixes, tables and keys it uses, a security configuration that encrypts its S3 data,
 * logs and bookmarks with the lake key, and the Glue job. What each piece is comes from pure functions
 * (`sparkJobProblems`, `sparkJobAccess`, `glueJobArgs`, `glueDefaultArguments`); this class only wires them.
 */
export class SparkJob extends pulumi.ComponentResource {
  /** The Glue job name, for the orchestrator's start-job-run. */
  public readonly jobName: pulumi.Output<string>;
  /** The job's role. */
  public readonly roleArn: pulumi.Output<string>;
  /** The role name, to attach further policies. */
  public readonly roleName: pulumi.Output<string>;
  /** `s3://` URI of the uploaded entry script. */
  public readonly scriptUri: pulumi.Output<string>;
  /** `s3://` URI of the package zip the job runs. */
  public readonly packageUri: pulumi.Output<string>;
  /** `s3://` URI of the uploaded contract.json. */
  public readonly contractUri: pulumi.Output<string>;
  /** The job's own arguments: `--contract`, `--input`, `--output`, `--quarantine`, `--report`, `--env` ... */
  public readonly arguments: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: SparkJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:compute:SparkJob", name, {}, opts);
    const c = args.contract;
    const related = args.relatedContracts ?? [];
    const glue = resolveGlueSettings(args.glue);
    const scopes = jobScopes(c, related, args);
    let script: LoadedFile | Error;
    try {
      script = loadJobFile(args.script, "script");
    } catch (err) {
      script = err as Error;
    }
    const problems = sparkJobProblems(args, glue, scopes, script);
    if (problems.length > 0 || script instanceof Error) {
      throw new pulumi.ResourceError(`SparkJob ${name} (dataset ${c.name}): ${problems.join("; ")}`, this);
    }

    // Artifacts: content-hashed keys under <artifacts prefix><job name>/.
    const artifactRoot = s3Prefix(args.artifacts.prefix ?? "artifacts", name);
    const artifactBucket = args.artifacts.bucket.bucketName;
    const scriptObject = new aws.s3.BucketObjectv2(
      `${name}-script`,
      {
        bucket: artifactBucket,
        key: hashedKey(`${artifactRoot}scripts`, script),
        contentBase64: Buffer.from(script.content).toString("base64"),
        tags: args.tags,
      },
      { parent: this },
    );
    const bundle = contractBundle(`${artifactRoot}contracts`, [c, ...related]);
    const contractObjects = new Map(
      bundle.files.map((f) => [
        f.dataset,
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
      ]),
    );
    this.scriptUri = uri(artifactBucket, scriptObject.key);
    this.packageUri = uri(args.packageObject.bucket.bucketName, args.packageObject.key);
    this.contractUri = uri(artifactBucket, (contractObjects.get(c.name) as aws.s3.BucketObjectv2).key);
    // The folder URI resolves after every contract object exists.
    const contractsFolder = pulumi
      .all([...contractObjects.values()].map((o) => o.key))
      .apply(() => bundle.folder);

    const folder = (loc: JobLocation) => uri(loc.bucket.bucketName, s3Prefix(loc.prefix ?? ""));
    this.arguments = pulumi
      .output({
        contract: this.contractUri,
        contracts: related.length > 0 ? uri(artifactBucket, contractsFolder) : undefined,
        input: folder(args.input),
        output: folder(args.output),
        quarantine: args.quarantine && folder(args.quarantine),
        report: folder(args.report),
        env: args.env,
      })
      .apply((u) => jobArguments(u));

    const securityKey = pulumi.output(securityKeyOf(args));
    const role = new ServiceRole(
      `${name}-job`,
      {
        service: "glue.amazonaws.com",
        description: `Spark job: ${JOB_KINDS[args.kind](c)}`,
        statements: jobPolicyStatements(sparkJobAccess(args, scopes, artifactRoot, securityKey)),
        tags: args.tags,
      },
      { parent: this },
    );
    this.roleArn = role.roleArn;
    this.roleName = role.roleName;

    // Keys only known at deployment are checked then, before the security configuration is created.
    const checkedKey = pulumi.all([securityKey, ...writtenKeysOf(args)]).apply(([key, ...others]) => {
      const mismatch = keyMismatch(key as string, others);
      if (mismatch) throw new pulumi.ResourceError(`SparkJob ${name}: ${mismatch}`, this);
      return key as string;
    });
    const security = new aws.glue.SecurityConfiguration(
      autoNamed("aws:glue/securityConfiguration:SecurityConfiguration", `${name}-security`),
      glueSecurityConfigurationArgs(checkedKey),
      { parent: this },
    );
    const catalog = folder(args.output).apply((warehouse) => ({
      formats: lakeFormats([c, ...related]),
      icebergCatalog: args.icebergCatalog ?? "lake",
      warehouse,
    }));
    const defaultArguments = pulumi
      .all([
        this.arguments,
        this.packageUri,
        uri(artifactBucket, `${artifactRoot}tmp/`),
        catalog,
        pulumi.output(args.extraArguments ?? {}),
      ])
      .apply(([job, packageUri, tempDir, cat, extra]) =>
        glueDefaultArguments({
          job,
          packageUri,
          tempDir,
          catalog: cat,
          autoScaling: glue.autoScaling,
          bookmarks: glue.jobBookmarks,
          extra,
        }),
      );
    const job = new aws.glue.Job(
      autoNamed("aws:glue/job:Job", `${name}-job`),
      glueJobArgs({
        description: JOB_KINDS[args.kind](c),
        roleArn: role.roleArn,
        scriptUri: this.scriptUri,
        securityConfiguration: security.name,
        defaultArguments,
        settings: glue,
        tags: args.tags,
      }),
      { parent: this },
    );
    this.jobName = job.name;

    this.registerOutputs({
      jobName: this.jobName,
      roleArn: this.roleArn,
      roleName: this.roleName,
      scriptUri: this.scriptUri,
      packageUri: this.packageUri,
      contractUri: this.contractUri,
      arguments: this.arguments,
    });
  }
}
