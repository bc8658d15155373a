import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../aws-context.js";
import { normalizePrefix, policyJson } from "../iam/policy-document.js";
import { allowLogDelivery, denyInsecureTransport } from "./bucket-policy.js";
import { autoNamedBucketError, guardedBucket, lifetimeErrors, type BucketLifetime } from "./bucket-guards.js";
import { lifecycleErrors, lifecycleRules, type ResolvedLifecycle } from "./lifecycle.js";

/** Where S3 server access logs land inside an access log bucket. */
export const DEFAULT_ACCESS_LOG_PREFIX = "s3-access-logs/";

export interface AccessLogBucketArgs extends BucketLifetime {
  /** Explicit bucket name. Defaults to a name Pulumi generates from `${name}-logs`. */
  readonly bucketName?: pulumi.Input<string>;
  /**
   * Buckets allowed to deliver logs here (`aws:SourceArn`). Defaults to any bucket of this account, for a
   * log bucket shared by buckets created later or in other stacks.
   */
  readonly sourceBucketArns?: readonly pulumi.Input<string>[];
  /** Key prefix that log delivery may write under. Defaults to `s3-access-logs/`. */
  readonly logPrefix?: string;
  /** Days to keep log objects. Defaults to 365. */
  readonly retentionDays?: number;
}

/**
 * The target bucket of S3 server access logging. Encrypted with SSE-S3, because server access log delivery
 * does not support SSE-KMS default encryption on the destination (S3 user guide, "Enabling Amazon S3 server
 * access logging"); log delivery is granted by bucket policy to `logging.s3.amazonaws.com`, not by ACLs.
 */
export class AccessLogBucket extends pulumi.ComponentResource {
  /** Bucket name, to use as the logging target. */
  public readonly bucketName: pulumi.Output<string>;
  /** Bucket ARN. */
  public readonly bucketArn: pulumi.Output<string>;
  /** The prefix delivery may write under; source buckets log to `<logPrefix>`. */
  public readonly logPrefix: string;

  constructor(name: string, args: AccessLogBucketArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("lake:storage:AccessLogBucket", name, {}, opts);
    const logPrefix = normalizePrefix(args.logPrefix ?? DEFAULT_ACCESS_LOG_PREFIX);
    const lifecycle: ResolvedLifecycle = {
      abortIncompleteMultipartUploadDays: 7,
      noncurrentVersionExpirationDays: 1,
      intelligentTieringDays: null,
      archiveDays: null,
      archiveStorageClass: "GLACIER_IR",
      expirationDays: args.retentionDays ?? 365,
    };
    const problems = [
      ...(args.bucketName === undefined ? [autoNamedBucketError(`${name}-logs`)] : []),
      ...lifecycleErrors(lifecycle).map((e) => e.replace("expirationDays", "retentionDays")),
      ...(logPrefix === "" ? ["logPrefix must not be empty: log delivery is granted under a prefix"] : []),
      ...lifetimeErrors(args),
    ].filter((p): p is string => p !== undefined);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`AccessLogBucket ${name}: ${problems.join("; ")}`, this);
    }

    const { bucket, publicAccessBlock } = guardedBucket(`${name}-logs`, args.bucketName, args, this);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-logs-encryption`,
      { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      { parent: this },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-logs-lifecycle`,
      { bucket: bucket.id, rules: lifecycleRules(lifecycle) },
      { parent: this },
    );
    const ctx = awsContext(this);
    new aws.s3.BucketPolicy(
      `${name}-logs-policy`,
      {
        bucket: bucket.id,
        policy: policyJson([
          denyInsecureTransport(bucket.arn, pulumi.interpolate`${bucket.arn}/*`),
          allowLogDelivery(
            pulumi.interpolate`${bucket.arn}/${logPrefix}*`,
            ctx.accountId,
            args.sourceBucketArns,
          ),
        ]),
      },
      { parent: this, dependsOn: [publicAccessBlock] },
    );

    this.bucketName = bucket.id;
    this.bucketArn = bucket.arn;
    this.logPrefix = logPrefix;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, logPrefix });
  }
}
