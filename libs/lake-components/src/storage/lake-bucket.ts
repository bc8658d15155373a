import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { normalizePrefix, policyJson } from "../iam/policy-document.js";
import { LAKE_LAYERS, type LakeLayer } from "../naming.js";
import { AccessLogBucket, DEFAULT_ACCESS_LOG_PREFIX } from "./access-log-bucket.js";
import { denyInsecureTransport, denyOtherEncryption } from "./bucket-policy.js";
import { autoNamedBucketError, guardedBucket, lifetimeErrors, type BucketLifetime } from "./bucket-guards.js";
import { LakeKey } from "./lake-key.js";
import { lifecycleErrors, lifecycleRules, resolveLifecycle, type LifecycleSettings } from "./lifecycle.js";

/** What other components need of a lake bucket; a LakeBucket (or a stack reference's outputs) fits. */
export interface BucketRef {
  readonly bucketName: pulumi.Input<string>;
  readonly bucketArn: pulumi.Input<string>;
  /** The bucket's KMS key: readers need kms:Decrypt on it, writers GenerateDataKey too. */
  readonly kmsKeyArn: pulumi.Input<string>;
}

/** Where a bucket's server access logs go: an existing log bucket (e.g. an AccessLogBucket's outputs). */
export interface AccessLogTarget {
  readonly bucketName: pulumi.Input<string>;
  /** Prefix inside the log bucket. Defaults to DEFAULT_ACCESS_LOG_PREFIX, the AccessLogBucket default. */
  readonly prefix?: string;
}

export interface LakeBucketArgs extends BucketLifetime {
  /** The medallion layer: decides the lifecycle defaults. */
  readonly layer: LakeLayer;
  /** Explicit bucket name. Defaults to a name Pulumi generates from `${name}-data`. */
  readonly bucketName?: pulumi.Input<string>;
  /** ARN of the customer-managed KMS key for SSE-KMS. Defaults to a new LakeKey child (`${name}-kms`). */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Log bucket for server access logs. Defaults to a new AccessLogBucket child (`${name}-access-logs`). */
  readonly accessLogs?: AccessLogTarget;
  /** Lifecycle settings; each unset field takes its layer default (see LAYER_LIFECYCLE_DEFAULTS). */
  readonly lifecycle?: LifecycleSettings;
}

/**
 * A data bucket of one lake layer: SSE-KMS with a customer-managed key and the S3 Bucket Key, SSE-C blocked,
 * versioning, all public access blocked, ACLs disabled, a policy that denies plain HTTP and uploads asking for
 * another encryption or key, server access logs, and the layer's lifecycle.
 */
export class LakeBucket extends pulumi.ComponentResource {
  /** Bucket name. */
  public readonly bucketName: pulumi.Output<string>;
  /** Bucket ARN, for IAM policies. */
  public readonly bucketArn: pulumi.Output<string>;
  /** The KMS key that encrypts the bucket; readers need kms:Decrypt on it, writers GenerateDataKey too. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** The bucket receiving this bucket's access logs. */
  public readonly accessLogBucketName: pulumi.Output<string>;
  /** The layer this bucket serves. */
  public readonly layer: LakeLayer;

  constructor(name: string, args: LakeBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:storage:LakeBucket", name, {}, opts);
    if (!LAKE_LAYERS.includes(args.layer)) {
      throw new pulumi.ResourceError(
        `LakeBucket ${name}: layer must be one of ${LAKE_LAYERS.join(", ")}, got "${String(args.layer)}"`,
        this,
      );
    }
    const lifecycle = resolveLifecycle(args.layer, args.lifecycle);
    const problems = [
      ...(args.bucketName === undefined ? [autoNamedBucketError(`${name}-data`)] : []),
      ...lifecycleErrors(lifecycle).map((e) => `lifecycle.${e}`),
      ...lifetimeErrors(args),
    ].filter((p): p is string => p !== undefined);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`LakeBucket ${name}: ${problems.join("; ")}`, this);
    }

    const kmsKeyArn =
      args.kmsKeyArn ??
      new LakeKey(
        `${name}-kms`,
        { description: `${args.layer} layer data`, retainOnDelete: args.retainOnDelete },
        { parent: this },
      ).keyArn;

    const { bucket, publicAccessBlock } = guardedBucket(`${name}-data`, args.bucketName, args, this);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-data-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn },
            // The S3 Bucket Key cuts KMS requests (and their cost) for Spark's many small reads and writes.
            bucketKeyEnabled: true,
            blockedEncryptionTypes: ["SSE-C"],
          },
        ],
      },
      { parent: this },
    );
    new aws.s3.BucketVersioning(
      `${name}-data-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      { parent: this },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-data-lifecycle`,
      { bucket: bucket.id, rules: lifecycleRules(lifecycle) },
      { parent: this },
    );
    const objectsArn = pulumi.interpolate`${bucket.arn}/*`;
    new aws.s3.BucketPolicy(
      `${name}-data-policy`,
      {
        bucket: bucket.id,
        policy: policyJson([
          denyInsecureTransport(bucket.arn, objectsArn),
          ...denyOtherEncryption(objectsArn, kmsKeyArn),
        ]),
      },
      { parent: this, dependsOn: [publicAccessBlock] },
    );

    let logTarget: { bucketName: pulumi.Input<string>; prefix: string; ready: pulumi.Resource[] };
    if (args.accessLogs === undefined) {
      const logs = new AccessLogBucket(
        `${name}-access-logs`,
        {
          sourceBucketArns: [bucket.arn],
          retainOnDelete: args.retainOnDelete,
          forceDestroy: args.forceDestroy,
          tags: args.tags,
        },
        { parent: this },
      );
      logTarget = { bucketName: logs.bucketName, prefix: logs.logPrefix, ready: [logs] };
    } else {
      logTarget = {
        bucketName: args.accessLogs.bucketName,
        prefix: normalizePrefix(args.accessLogs.prefix ?? DEFAULT_ACCESS_LOG_PREFIX),
        ready: [],
      };
    }
    new aws.s3.BucketLogging(
      `${name}-data-logging`,
      {
        bucket: bucket.id,
        targetBucket: logTarget.bucketName,
        targetPrefix: logTarget.prefix,
        // Date-partitioned keys (<prefix><account>/<region>/<bucket>/YYYY/MM/DD/...) keep the logs queryable.
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      },
      // The delivery grant must exist before logging starts.
      { parent: this, dependsOn: logTarget.ready },
    );

    this.bucketName = bucket.id;
    this.bucketArn = bucket.arn;
    this.kmsKeyArn = pulumi.output(kmsKeyArn);
    this.accessLogBucketName = pulumi.output(logTarget.bucketName);
    this.layer = args.layer;
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      kmsKeyArn: this.kmsKeyArn,
      accessLogBucketName: this.accessLogBucketName,
    });
  }
}
