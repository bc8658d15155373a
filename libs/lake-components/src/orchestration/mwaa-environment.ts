import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../aws-context.js";
import { findWildcardGrants, policyJson } from "../iam/policy-document.js";
import { autoNamed, physicalName } from "../physical-names.js";
import type { BucketRef } from "../storage/lake-bucket.js";
import { s3Key } from "../naming.js";
import {
  executionRoleStatements,
  executionRoleTrustStatements,
  type ExecutionRoleContext,
} from "./execution-role-policy.js";
import {
  MWAA_AIRFLOW_VERSION,
  mwaaEnvironmentNameProblem,
  mwaaSettingsProblems,
  resolveMwaaSettings,
  type MwaaSettings,
} from "./mwaa-settings.js";

/** One object of the environment's bucket (a DAG file, the manifest, the constraints): key and content. */
export interface EnvironmentObject {
  readonly key: string;
  readonly content: pulumi.Input<string>;
  readonly contentType?: string;
}

export interface MwaaEnvironmentArgs {
  /** The environment's name, checked against CreateEnvironment's rules before anything is created. */
  readonly environmentName: string;
  /** Defaults to MWAA_AIRFLOW_VERSION (3.0.6), the version the DAGs are tested in. */
  readonly airflowVersion?: string;
  /** Class, workers, schedulers, web servers, log level, maintenance window; defaults in `MwaaSettings`. */
  readonly settings?: MwaaSettings;
  /** Two private subnets in two Availability Zones, and the security groups of the environment. */
  readonly network: {
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  };
  /** The versioned bucket the environment reads, encrypted with `kmsKeyArn` (MWAA requires the same key). */
  readonly bucket: BucketRef;
  /** The DAG folder's prefix in the bucket. Defaults to `dags`. */
  readonly dagsPrefix?: string;
  /** The objects of the DAG folder; each key must be under `dagsPrefix`. */
  readonly dagObjects: readonly EnvironmentObject[];
  /** The content of `requirements.txt`, uploaded at the bucket's root; its version id pins the environment. */
  readonly requirements: string;
  /** The customer managed key of the environment. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The crawlers and Glue jobs the DAGs start: the execution role may start and read exactly these. */
  readonly crawlerNames: pulumi.Input<string[]>;
  readonly jobNames: pulumi.Input<string[]>;
  /** The Glue Data Quality rulesets the DAGs evaluate and the roles they pass to those runs. */
  readonly rulesetNames?: pulumi.Input<string[]>;
  readonly dataQualityRoleArns?: pulumi.Input<string[]>;
  /** Defaults to PRIVATE_ONLY: the Airflow UI and CLI endpoint are reached from inside the VPC. */
  readonly webserverAccessMode?: "PRIVATE_ONLY" | "PUBLIC_ONLY";
  /** Airflow configuration overrides (`section.key`). Defaults to none. */
  readonly airflowConfigurationOptions?: Record<string, string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const LOG_TYPES = ["dagProcessingLogs", "schedulerLogs", "taskLogs", "webserverLogs", "workerLogs"] as const;

/**
 * An MWAA environment that runs the lake's DAGs: the DAG folder and requirements.txt as objects of its bucket,
 * a least-privilege execution role, every log type on, the customer managed key, private web server access.
 * Settings are checked (`mwaaSettingsProblems`) and the role's policy derived (`executionRoleStatements`) by pure
 * functions; this class only wires them.
 */
export class MwaaEnvironment extends pulumi.ComponentResource {
  public readonly environmentName: pulumi.Output<string>;
  public readonly environmentArn: pulumi.Output<string>;
  /** The web server's host name (the Airflow UI and the CLI endpoint). */
  public readonly webserverUrl: pulumi.Output<string>;
  public readonly executionRoleArn: pulumi.Output<string>;
  /** The S3 version of requirements.txt the environment installs. */
  public readonly requirementsVersion: pulumi.Output<string>;
  /** The execution role's policy JSON, for tests and policy checks. */
  public readonly executionPolicy: pulumi.Output<string>;

  constructor(name: string, args: MwaaEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:orchestration:MwaaEnvironment", name, {}, opts);
    const settings = resolveMwaaSettings(args.settings);
    const dagsPrefix = s3Key(args.dagsPrefix ?? "dags");
    const problems = [
      mwaaEnvironmentNameProblem(args.environmentName),
      ...mwaaSettingsProblems(settings),
      ...args.dagObjects
        .filter((o) => !s3Key(o.key).startsWith(`${dagsPrefix}/`))
        .map((o) => `the DAG object ${o.key} is not under the DAG folder ${dagsPrefix}/`),
      ...(args.dagObjects.some((o) => o.key.endsWith(".py")) ? [] : ["no DAG file (*.py) among dagObjects"]),
    ].filter((p): p is string => p !== undefined);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`MwaaEnvironment ${name}: ${problems.join("; ")}`, this);
    }
    const environmentName = physicalName("aws:mwaa/environment:Environment", args.environmentName);
    const ctx = awsContext(this);
    const parent = { parent: this };

    const objects = args.dagObjects.map(
      (o) =>
        new aws.s3.BucketObjectv2(
          `${name}-object-${s3Key(o.key)}`,
          {
            bucket: args.bucket.bucketName,
            key: s3Key(o.key),
            content: o.content,
            contentType: o.contentType ?? "text/plain; charset=utf-8",
            // S3 checks the upload against the checksum it is sent.
            checksumAlgorithm: "SHA256",
            tags: args.tags,
          },
          parent,
        ),
    );
    const requirements = new aws.s3.BucketObjectv2(
      `${name}-requirements`,
      {
        bucket: args.bucket.bucketName,
        key: "requirements.txt",
        content: args.requirements,
        contentType: "text/plain; charset=utf-8",
        checksumAlgorithm: "SHA256",
        tags: args.tags,
      },
      parent,
    );

    // What the DAGs start, resolved together (pulumi.all keeps its tuple types up to eight inputs).
    const started = pulumi.all([
      args.crawlerNames,
      args.jobNames,
      pulumi.output(args.rulesetNames ?? ([] as string[])),
      pulumi.output(args.dataQualityRoleArns ?? ([] as string[])),
    ]);
    const roleContext = pulumi
      .all([ctx.partition, ctx.region, ctx.accountId, args.bucket.bucketArn, args.kmsKeyArn, started])
      .apply(
        ([
          partition,
          region,
          account,
          dagBucketArn,
          kmsKeyArn,
          [crawlerNames, jobNames, rulesetNames, dataQualityRoleArns],
        ]): ExecutionRoleContext => ({
          partition,
          region,
          account,
          environmentName,
          dagBucketArn,
          kmsKeyArn,
          crawlerNames,
          jobNames,
          rulesetNames,
          dataQualityRoleArns,
        }),
      );
    const role = new aws.iam.Role(
      autoNamed("aws:iam/role:Role", `${name}-execution-role`),
      {
        assumeRolePolicy: roleContext.apply((c) => policyJson(executionRoleTrustStatements(c))),
        description: `MWAA execution role of ${environmentName}`,
        tags: args.tags,
      },
      parent,
    );
    this.executionPolicy = roleContext
      .apply((c) => policyJson(executionRoleStatements(c)))
      .apply((json) => {
        const grants = findWildcardGrants(json);
        if (grants.length > 0) {
          const listed = grants.map((g) => `statement ${g.sid ?? g.index}: ${g.reason}`).join("; ");
          throw new pulumi.ResourceError(
            `MwaaEnvironment ${name}: the execution role grants wildcards: ${listed}`,
            this,
          );
        }
        return json;
      });
    const policy = new aws.iam.RolePolicy(
      autoNamed("aws:iam/rolePolicy:RolePolicy", `${name}-execution-policy`),
      { role: role.id, policy: this.executionPolicy },
      parent,
    );

    const logging = Object.fromEntries(
      LOG_TYPES.map((type) => [type, { enabled: true, logLevel: settings.logLevel }]),
    ) as Record<(typeof LOG_TYPES)[number], { enabled: boolean; logLevel: string }>;
    const environment = new aws.mwaa.Environment(
      `${name}-environment`,
      {
        name: environmentName,
        airflowVersion: args.airflowVersion ?? MWAA_AIRFLOW_VERSION,
        environmentClass: settings.environmentClass,
        minWorkers: settings.minWorkers,
        maxWorkers: settings.maxWorkers,
        schedulers: settings.schedulers,
        minWebservers: settings.minWebservers,
        maxWebservers: settings.maxWebservers,
        weeklyMaintenanceWindowStart: settings.weeklyMaintenanceWindowStart,
        executionRoleArn: role.arn,
        kmsKey: args.kmsKeyArn,
        sourceBucketArn: args.bucket.bucketArn,
        dagS3Path: dagsPrefix,
        requirementsS3Path: requirements.key,
        // A new requirements.txt is a new version: the environment updates (and reinstalls) only then.
        requirementsS3ObjectVersion: requirements.versionId,
        networkConfiguration: {
          subnetIds: args.network.subnetIds,
          securityGroupIds: args.network.securityGroupIds,
        },
        webserverAccessMode: args.webserverAccessMode ?? "PRIVATE_ONLY",
        endpointManagement: "SERVICE",
        loggingConfiguration: logging,
        airflowConfigurationOptions: args.airflowConfigurationOptions,
        tags: args.tags,
      },
      // The first parse must find the DAG folder, and the role must hold its policy before MWAA assumes it.
      { parent: this, dependsOn: [...objects, policy] },
    );

    this.environmentName = environment.name;
    this.environmentArn = environment.arn;
    this.webserverUrl = environment.webserverUrl;
    this.executionRoleArn = role.arn;
    this.requirementsVersion = requirements.versionId;
    this.registerOutputs({
      environmentName: this.environmentName,
      environmentArn: this.environmentArn,
      webserverUrl: this.webserverUrl,
      executionRoleArn: this.executionRoleArn,
      requirementsVersion: this.requirementsVersion,
    });
  }
}
