import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  AccessLogBucket,
  BucketQueueNotifications,
  LakeBucket,
  LakeKey,
  LayerDatabase,
  SourceCrawler,
  type QueueNotificationTarget,
} from "@lake/lake-components";
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
  /** Glue database the crawlers write the raw tables to. */
  readonly bronzeDatabaseName: pulumi.Output<string>;
  /** Crawler name per source dataset, for the orchestrator's crawl step. */
  readonly crawlerNames: pulumi.Output<Record<string, string>>;
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
  const bucketName = (purpose: string) =>
    pulumi.interpolate`${namePrefix}-${purpose}-${accountId}-${config.region}`;

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
    {
      bucketName: bucketName("access-logs"),
      retentionDays: config.accessLogRetentionDays,
      ...protection.args,
      tags,
    },
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
  const database = new LayerDatabase(
    `${namePrefix}-bronze-db`,
    {
      layer: "bronze",
      bucketName: bronze.bucketName,
      description: "Raw source files as delivered, one table per source",
      tags,
    },
    protection.options,
  );

  const crawlers = datasets.withSource().map(
    (contract) =>
      new SourceCrawler(
        `${namePrefix}-bronze-${contract.name}`,
        {
          contract,
          database: {
            databaseName: database.databaseName,
            databaseArn: database.databaseArn,
            layer: "bronze",
          },
          bucket: { bucketName: bronze.bucketName, bucketArn: bronze.bucketArn, kmsKeyArn: key.keyArn },
          tags,
        },
        // Not under the database: crawlers are not data, so production protection does not pin them.
      ),
  );
  // S3 keeps one notification configuration per bucket: every event-mode crawler's queue is set at once.
  const notifications = crawlers
    .map((c) => c.notification)
    .filter((n): n is QueueNotificationTarget => n !== undefined);
  if (notifications.length > 0) {
    new BucketQueueNotifications(`${namePrefix}-bronze-events`, {
      bucketName: bronze.bucketName,
      targets: notifications,
    });
  }

  return {
    kmsKeyArn: key.keyArn,
    accessLogBucketName: logs.bucketName,
    bronzeBucketName: bronze.bucketName,
    bronzeBucketArn: bronze.bucketArn,
    bronzeDatabaseName: database.databaseName,
    crawlerNames: pulumi
      .all(crawlers.map((c) => c.crawlerName))
      .apply((names) =>
        Object.fromEntries(datasets.withSource().map((c, i) => [c.name, names[i] as string])),
      ),
  };
}
