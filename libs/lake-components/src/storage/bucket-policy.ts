// Bucket policy statements. Pure builders over ARNs; the components serialize them with policyJson.
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../iam/policy-document.js";

/** Denies every request that does not use TLS (`aws:SecureTransport` is "false" on plain HTTP). */
export function denyInsecureTransport(
  bucketArn: pulumi.Input<string>,
  objectsArn: pulumi.Input<string>,
): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: ["s3:*"],
    Resource: [bucketArn, objectsArn],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * Denies uploads that ask for another encryption than SSE-KMS with this bucket's key. Each deny also requires
 * the header to be present (`Null: false`): an upload without encryption headers gets the bucket default
 * (SSE-KMS with the bucket key), so it must stay allowed. A plain `StringNotEquals` would deny it, because a
 * negated operator is true when the key is missing.
 */
export function denyOtherEncryption(
  objectsArn: pulumi.Input<string>,
  kmsKeyArn: pulumi.Input<string>,
): PolicyStatement[] {
  const algorithm = "s3:x-amz-server-side-encryption";
  const keyId = "s3:x-amz-server-side-encryption-aws-kms-key-id";
  return [
    {
      Sid: "DenyOtherEncryptionAlgorithm",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:PutObject"],
      Resource: [objectsArn],
      Condition: { StringNotEquals: { [algorithm]: "aws:kms" }, Null: { [algorithm]: "false" } },
    },
    {
      Sid: "DenyOtherKmsKey",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:PutObject"],
      Resource: [objectsArn],
      Condition: { StringNotEquals: { [keyId]: kmsKeyArn }, Null: { [keyId]: "false" } },
    },
  ];
}

/**
 * Lets S3 server access logging deliver into `prefix` (S3 user guide, "Permissions for log delivery": a
 * bucket policy for `logging.s3.amazonaws.com`, no ACLs, since the bucket enforces bucket-owner ownership).
 * Scoped to the source account and, when given, to the source buckets.
 */
export function allowLogDelivery(
  logObjectsArn: pulumi.Input<string>,
  sourceAccount: pulumi.Input<string>,
  sourceBucketArns: readonly pulumi.Input<string>[] = [],
): PolicyStatement {
  return {
    Sid: "AllowS3ServerAccessLogDelivery",
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: ["s3:PutObject"],
    Resource: [logObjectsArn],
    Condition: {
      StringEquals: { "aws:SourceAccount": sourceAccount },
      ...(sourceBucketArns.length > 0 ? { ArnLike: { "aws:SourceArn": [...sourceBucketArns] } } : {}),
    },
  };
}
