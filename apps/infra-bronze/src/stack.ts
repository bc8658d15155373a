import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  AccessLogBucket,
  ApiIngestion,
  BucketQueueNotifications,
  CdcIngestion,
  FileIngestion,
  LakeKey,
  physicalName,
  SourceCrawler,
  StreamIngestion,
  type QueueNotificationTarget,
  type StreamSource,
} from "@lake/lake-components";
import type { DatasetContract, DatasetRegistry, SourceKind } from "@lake/schemas";
import {
  dataProtection,
  layerStorage,
  lakeBucketName,
  perDataset,
  type BronzeIngestionOutputs,
  type BronzeStackOutputs,
  type StackExports,
} from "@lake/stacks";
import type { BronzeConfig, IngestionConfig } from "./config.js";
import { checkIngestionConfig } from "./ingestion-config.js";

/** Log groups the lake key may encrypt: Glue's, the ingestion functions' and the delivery streams'. */
const LOG_GROUP_PREFIXES = ["/aws-glue/", "/aws/lambda/", "/aws/kinesisfirehose/"];

type StreamConfig = NonNullable<IngestionConfig[string]["stream"]>;

/** Where a stream source's records come from, from its config (a new on-demand Kinesis stream by default). */
function streamSourceOf(config: StreamConfig | undefined): StreamSource {
  if (config?.msk) return { kind: "msk", ...config.msk };
  return {
    kind: "kinesis",
    streamArn: config?.kinesisStreamArn,
    streamKmsKeyArn: config?.kinesisKmsKeyArn,
    shardCount: config?.shardCount,
    retentionHours: config?.retentionHours,
  };
}

/**
 * The bronze layer: the lake's KMS key, the access-log bucket, the bronze bucket and database, a crawler per
 * source, and each source's ingestion by its kind.
 */
export function createBronzeStack(
  config: BronzeConfig,
  datasets: DatasetRegistry,
): StackExports<BronzeStackOutputs> {
  const { namePrefix, tags } = config;
  checkIngestionConfig(config.ingestion, datasets);
  const protection = dataProtection(config.protectData);
  const accountId = aws.getCallerIdentityOutput().accountId;

  const key = new LakeKey(
    `${namePrefix}-lake`,
    {
      description: `${namePrefix}: encrypts the lake's buckets, catalog, queues, streams and logs`,
      aliasName: `${namePrefix}-lake`,
      deletionWindowInDays: config.kmsDeletionWindowDays,
      logGroupPrefixes: LOG_GROUP_PREFIXES,
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

  const sources = datasets.withSource();
  const ofKind = (kind: SourceKind) => sources.filter((c) => c.source?.kind === kind);
  const base = (contract: DatasetContract) => `${namePrefix}-bronze-${contract.name}`;
  const logRetentionDays = config.ingestionLogRetentionDays;

  const crawlers = perDataset(
    sources,
    (contract) =>
      new SourceCrawler(
        base(contract),
        {
          contract,
          database,
          bucket: bronze,
          // A file source's events go to its cataloging function, which starts the crawler; a crawler cannot
          // also consume them, so it crawls the folders added since its last run.
          mode: contract.source?.kind === "file" ? "new-folders" : "event",
          tags,
        },
        // Not under the database: crawlers are not data, so production protection does not pin them.
      ),
  );

  const fileSources = ofKind("file");
  const files =
    fileSources.length > 0
      ? new FileIngestion(`${namePrefix}-bronze-files`, {
          sources: fileSources.map((contract) => ({
            contract,
            crawlerName: crawlers.get(contract.name).crawlerName,
            crawlerArn: crawlers.get(contract.name).crawlerArn,
          })),
          bucket: bronze,
          logRetentionDays,
          tags,
        })
      : undefined;

  const streams = perDataset(ofKind("stream"), (contract) => {
    const stream = config.ingestion[contract.name]?.stream;
    return new StreamIngestion(base(contract), {
      contract,
      bucket: bronze,
      source: streamSourceOf(stream),
      buffering: stream?.buffering,
      logRetentionDays,
      tags,
    });
  });

  const replications = perDataset(ofKind("cdc"), (contract) => {
    // checkIngestionConfig made sure every cdc source has its config.
    const cdc = config.ingestion[contract.name]?.cdc as NonNullable<IngestionConfig[string]["cdc"]>;
    return new CdcIngestion(base(contract), {
      contract,
      bucket: bronze,
      region: config.region,
      database: {
        engine: cdc.engine,
        databaseName: cdc.databaseName,
        sslMode: cdc.sslMode,
        certificateArn: cdc.certificateArn,
        secret: cdc.secret,
        secretKmsKeyArn: cdc.secretKmsKeyArn,
      },
      network: { subnetIds: cdc.subnetIds, securityGroupIds: cdc.securityGroupIds },
      capacity: cdc.capacity,
      multiAz: cdc.multiAz,
      startReplication: cdc.startReplication,
      tags,
    });
  });

  const apiSources = ofKind("api");
  const scheduleGroup =
    apiSources.length > 0
      ? new aws.scheduler.ScheduleGroup(`${namePrefix}-bronze-pulls`, {
          name: physicalName("aws:scheduler/scheduleGroup:ScheduleGroup", `${namePrefix}-bronze-pulls`),
          tags,
        })
      : undefined;
  const pulls = perDataset(apiSources, (contract) => {
    const api = config.ingestion[contract.name]?.api as NonNullable<IngestionConfig[string]["api"]>;
    return new ApiIngestion(base(contract), {
      contract,
      bucket: bronze,
      pull: api.pull,
      secret: api.secret,
      secretKmsKeyArn: api.secretKmsKeyArn,
      scheduleGroupName: scheduleGroup?.name,
      logRetentionDays,
      tags,
    });
  });

  // S3 keeps one notification configuration per bucket: the file sources' queue and every event-mode crawler's
  // queue are set at once.
  const notifications: QueueNotificationTarget[] = [
    ...(files?.notifications ?? []),
    ...crawlers
      .values()
      .map((c) => c.notification)
      .filter((n): n is QueueNotificationTarget => n !== undefined),
  ];
  if (notifications.length > 0) {
    new BucketQueueNotifications(`${namePrefix}-bronze-events`, {
      bucketName: bronze.bucketName,
      targets: notifications,
    });
  }

  const kinesisStreams = perDataset(
    ofKind("stream").filter((c) => streams.get(c.name).kinesisStreamName !== undefined),
    (contract) => streams.get(contract.name),
  );
  const ingestion: pulumi.Output<BronzeIngestionOutputs> = pulumi.output({
    kinds: Object.fromEntries(sources.map((c) => [c.name, c.source?.kind as SourceKind])),
    catalogingFunctionName: files ? files.functionName : null,
    kinesisStreamNames: kinesisStreams.record((s) => s.kinesisStreamName as pulumi.Output<string>),
    deliveryStreamNames: streams.record((s) => s.deliveryStreamName),
    pullerFunctionNames: pulls.record((p) => p.functionName),
    scheduleNames: pulls.record((p) => p.scheduleName),
    replicationConfigArns: replications.record((r) => r.replicationConfigArn),
  });

  return {
    kmsKeyArn: key.keyArn,
    accessLogBucketName: logs.bucketName,
    bronzeBucketName: bronze.bucketName,
    bronzeBucketArn: bronze.bucketArn,
    bronzeDatabaseName: database.databaseName,
    crawlerNames: crawlers.record((c) => c.crawlerName),
    ingestion,
  };
}
