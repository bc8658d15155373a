import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccessLogBucket, LakeBucket, LakeKey } from "@lake/lake-components";
import type { DatasetRegistry } from "@lake/schemas";
import type { BronzeConfig } from "./config.js";

/** What the bronze stack exports; silver reads these through a StackReference. */
export interface BronzeOutputs {
  /** The lake's customer-managed KMS key: every layer's bucket is encrypted with it. */
  readonly kmsKeyArn: pulumi.Output<string>;
  /** Bucket receiving the S3 server access logs of every lake bucket. */
  readonly accessLogBucketName: pulumi.Output<string>;
  readonly bronzeBucketName: pulumi.Output<string>;
  readonly bronzeBucketArn: pulumi.Output<string>;
}

/** Protection of data that must outlive the stack: protected and retained in production, destroyable elsewhere. */
export function dataProtection(config: Pick<BronzeConfig, "protectData">) {
  return {
    options: { protect: config.protectData },
    args: { retainOnDelete: config.protectData, forceDestroy: !config.protectData },
  };
}

/** The bronze layer: the lake's KMS key, the access-log bucket, the bronze bucket and database, a crawler per source. */
export function createBronzeStack(config: BronzeConfig, datasets: DatasetRegistry): BronzeOutputs {
  const { namePrefix, tags } = config;
  const protection = dataProtection(config);
  const accountId = aws.getCallerIdentityOutput().accountId;
  // Bucket names are global: the account and region make them unique without a random suffix.
  const bucketName = (purpose: string) => pulumi.interpolate`${namePrefix}-${purpose}-${accountId}-${config.region}`;

  const key = new LakeKey(
    `${namePrefix}-lake`,
    {
      description: `${namePrefix}: encrypts the lake's buckets, catalog and job logs`,
      aliasName: `${namePrefix}-lake`,
      deletionWindowInDays: config.kmsDeletionWindowDays,
      retainOnDelete: config.protectData,
      tags,
    },
    protection.options,
  );
  const logs = new AccessLogBucket(
    `${namePrefix}-access-logs`,
    { bucketName: bucketName("access-logs"), retentionDays: config.accessLogRetentionDays, ...protection.args, tags },
    protection.options,
  );
  const bronze = new LakeBucket(
    `${namePrefix}-bronze`,
    {
      layer: "bronze",
      bucketName: bucketName("bronze"),
      kmsKeyArn: key.keyArn,
      accessLogs: { bucketName: logs.bucketName, prefix: logs.logPrefix },
      ...protection.args,
      tags,
    },
    protection.options,
  );
  void datasets;

  return {
    kmsKeyArn: key.keyArn,
    accessLogBucketName: logs.bucketName,
    bronzeBucketName: bronze.bucketName,
    bronzeBucketArn: bronze.bucketArn,
  };
}
