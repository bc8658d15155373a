import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** How a bucket ends: the arguments every bucket component shares. */
export interface BucketLifetime {
  /**
   * Keep the bucket (and a key the component creates) in AWS when the resource is deleted or the stack is
   * destroyed: set it in production, where the data must outlive the stack. Defaults to false.
   */
  readonly retainOnDelete?: boolean;
  /** Let `pulumi destroy` empty and delete the bucket (development stacks only). Defaults to false. */
  readonly forceDestroy?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export function lifetimeErrors(l: BucketLifetime): string[] {
  return l.retainOnDelete && l.forceDestroy ? ["retainOnDelete and forceDestroy contradict each other"] : [];
}

/**
 * A bucket with its guards: `logicalName` is also the base of the generated physical name when `bucketName` is
 * not given. The public access block is returned so a bucket policy can be ordered after it.
 */
export function guardedBucket(
  logicalName: string,
  bucketName: pulumi.Input<string> | undefined,
  lifetime: BucketLifetime,
  parent: pulumi.Resource,
): { bucket: aws.s3.Bucket; publicAccessBlock: aws.s3.BucketPublicAccessBlock } {
  const bucket = new aws.s3.Bucket(
    logicalName,
    { bucket: bucketName, forceDestroy: lifetime.forceDestroy ?? false, tags: lifetime.tags },
    { parent, retainOnDelete: lifetime.retainOnDelete ?? false },
  );
  const { publicAccessBlock } = guardBucket(logicalName, bucket.id, parent);
  return { bucket, publicAccessBlock };
}

/**
 * The two guards every lake bucket gets: all four S3 Block Public Access settings, and `BucketOwnerEnforced`
 * object ownership (ACLs disabled; the bucket owner owns every object, so access is decided by policies only).
 * Returns both resources so a bucket policy can be ordered after the public access block.
 */
export function guardBucket(
  name: string,
  bucket: pulumi.Input<string>,
  parent: pulumi.Resource,
): { publicAccessBlock: aws.s3.BucketPublicAccessBlock; ownership: aws.s3.BucketOwnershipControls } {
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access-block`,
    {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    { parent },
  );
  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
    { parent },
  );
  return { publicAccessBlock, ownership };
}

/** Physical bucket names Pulumi derives from `<logical>-<7 hex>`: S3 allows 3-63 lowercase characters. */
export function autoNamedBucketError(logicalName: string): string | undefined {
  const autoNameLength = logicalName.length + 8;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(logicalName)) {
    return `"${logicalName}" cannot become a bucket name: use lowercase letters, digits and hyphens, or pass bucketName`;
  }
  if (autoNameLength > 63) {
    return `"${logicalName}" is too long for a generated bucket name (${autoNameLength} > 63 characters): shorten the component name or pass bucketName`;
  }
  return undefined;
}
