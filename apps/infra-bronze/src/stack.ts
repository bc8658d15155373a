import * as aws from "@pulumi/aws";
import {
  AccessLogBucket,
  BucketQueueNotifications,
  LakeKey,
  SourceCrawler,
  type QueueNotificationTarget,
} from "@lake/lake-components";
import type { DatasetRegistry } from "@lake/schemas";
import {
  dataProtection,
  layerStorage,
  lakeBucketName,
  perDataset,
  type BronzeStackOutputs,
  type StackExports,
} from "@lake/stacks";
import type { BronzeConfig } from "./config.js";

/** The bronze layer: the lake's KMS key, the access-log bucket, the bronze bucket and database, a crawler per source. */
export function createBronzeStack(
  config: BronzeConfig,
  datasets: DatasetRegistry,
): StackExports<BronzeStackOutputs> {
  const { namePrefix, tags } = config;
  const protection = dataProtection(config.protectData);
  const accountId = aws.getCallerIdentityOutput().accountId;

  const key = new LakeKey(
    `${namePrefix}-lake`,
    {
      description: `${namePrefix}: encrypts the lake's buckets, catalog and job logs`,
      aliasName: `${namePrefix}-lake`,
      deletionWindowInDays: config.kmsDeletionWindowDays,
      retainOnDelete: config.protectData,
      // The bronze bucket notifies its sources' queues, which are encrypted with this key.
      s3EventNotifications: true,
      tags,
    },
    protection.options,
  );
  const logs = new AccessLogBucket(
    `${namePrefix}-access-logs`,
    {
      bucketName: lakeBucketName(namePrefix, "access-logs", accountId, config.region),
      retentionDays: config.accessLogRetentionDays,
      ...protection.args,
      tags,
    },
    protection.options,
  );
  const { bucket: bronze, database } = layerStorage({
    namePrefix,
    layer: "bronze",
    accountId,
    region: config.region,
    kmsKeyArn: key.keyArn,
    accessLogs: { bucketName: logs.bucketName, prefix: logs.logPrefix },
    description: "Raw source files as delivered, one table per source",
    protection,
    tags,
  });

  const crawlers = perDataset(
    datasets.withSource(),
    (contract) =>
      new SourceCrawler(
        `${namePrefix}-bronze-${contract.name}`,
        { contract, database, bucket: bronze, tags },
        // Not under the database: crawlers are not data, so production protection does not pin them.
      ),
  );
  // S3 keeps one notification configuration per bucket: every event-mode crawler's queue is set at once.
  const notifications = crawlers
    .values()
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
    crawlerNames: crawlers.record((c) => c.crawlerName),
  };
}
