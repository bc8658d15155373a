import { functionBundle, type FunctionBundle } from "@lake/ingest-functions";
import type { DatasetContract } from "@lake/schemas";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../aws-context.js";
import { allowBucketToSendMessages } from "../catalog/crawler-settings.js";
import {
  glueStartCrawlerStatement,
  kmsStatements,
  s3TaggingStatement,
  sqsReceiveStatement,
} from "../iam/policy-document.js";
import type { QueueNotificationTarget } from "../storage/bucket-notifications.js";
import { encryptedQueue } from "../storage/encrypted-queue.js";
import type { BucketRef } from "../storage/lake-bucket.js";
import { IngestFunction } from "./ingest-function.js";
import { fileIngestionProblems, type EventBatching } from "./file-settings.js";

/** One file source and the crawler the function starts for it. */
export interface FileSource {
  readonly contract: DatasetContract;
  readonly crawlerName: pulumi.Input<string>;
  readonly crawlerArn: pulumi.Input<string>;
}

export interface FileIngestionArgs {
  /** Every `file` source of the bucket: one queue and one function serve them all. */
  readonly sources: readonly FileSource[];
  /** The bronze bucket; its key also encrypts the queues and the function's logs. */
  readonly bucket: BucketRef;
  /** Defaults to 10 messages, a 30-second window and 2 concurrent batches (file-settings.ts). */
  readonly batching?: Partial<EventBatching>;
  /** Defaults to 60 seconds. */
  readonly timeoutSeconds?: number;
  /** Receives before a message moves to the dead-letter queue. Defaults to 5. */
  readonly maxReceiveCount?: number;
  /** Defaults to the `cataloging` bundle of `@lake/ingest-functions`. */
  readonly bundle?: FunctionBundle;
  readonly logRetentionDays?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Ingestion of `file` sources: the bucket's events for their folders go to an encrypted queue (with a
 * dead-letter queue after `maxReceiveCount` receives), which a Lambda event source mapping feeds to the
 * cataloging function in batches with partial batch responses. The function tags each object with its source
 * and day and starts the source's crawler once per batch, so these crawlers do not use S3 event mode (the events
 * have one consumer, the function). The bucket notification is the caller's: pass `notifications` to the
 * bucket's BucketQueueNotifications.
 */
export class FileIngestion extends pulumi.ComponentResource {
  public readonly functionName: pulumi.Output<string>;
  public readonly queueArn: pulumi.Output<string>;
  public readonly deadLetterQueueArn: pulumi.Output<string>;
  /** One per source folder, all to the one queue. */
  public readonly notifications: readonly QueueNotificationTarget[];

  constructor(name: string, args: FileIngestionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:ingest:FileIngestion", name, {}, opts);
    const timeoutSeconds = args.timeoutSeconds ?? 60;
    const batching: EventBatching = {
      batchSize: args.batching?.batchSize ?? 10,
      maximumBatchingWindowInSeconds: args.batching?.maximumBatchingWindowInSeconds ?? 30,
      maximumConcurrency: args.batching?.maximumConcurrency ?? 2,
    };
    const maxReceiveCount = args.maxReceiveCount ?? 5;
    const problems = fileIngestionProblems(
      args.sources.map((s) => s.contract),
      batching,
      maxReceiveCount,
    );
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`FileIngestion ${name}: ${problems.join("; ")}`, this);
    }
    const ctx = awsContext(this);
    const key = args.bucket.kmsKeyArn;
    const prefixes = args.sources.map((s) => s.contract.source?.tablePrefix ?? "");

    const dlq = encryptedQueue(`${name}-events-dlq`, { kmsKeyArn: key, tags: args.tags }, this);
    const events = encryptedQueue(
      `${name}-events`,
      {
        kmsKeyArn: key,
        // Lambda's guidance for SQS event sources: a visibility timeout of at least six times the function's
        // timeout, so a batch being retried after throttling is not redelivered meanwhile.
        visibilityTimeoutSeconds: 6 * timeoutSeconds,
        deadLetter: { queue: dlq.queue, maxReceiveCount },
        allow: (queueArn) => [allowBucketToSendMessages(queueArn, args.bucket.bucketArn, ctx.accountId)],
        tags: args.tags,
      },
      this,
    );

    const fn = new IngestFunction(
      `${name}-cataloging`,
      {
        bundle: args.bundle ?? functionBundle("cataloging"),
        description: `Catalogs bronze files of ${args.sources.map((s) => s.contract.name).join(", ")}`,
        statements: [
          sqsReceiveStatement([events.queue.arn]),
          // Receiving from an SSE-KMS queue decrypts its messages.
          ...kmsStatements([key], "decrypt", "QueueKey"),
          s3TaggingStatement({ bucketArn: args.bucket.bucketArn, prefixes }),
          glueStartCrawlerStatement(args.sources.map((s) => s.crawlerArn)),
        ],
        environment: {
          LAKE_BRONZE_BUCKET: args.bucket.bucketName,
          LAKE_CRAWLERS: pulumi.jsonStringify(
            Object.fromEntries(args.sources.map((s) => [s.contract.name, s.crawlerName])),
          ),
        },
        logKmsKeyArn: key,
        timeoutSeconds,
        // Enough for the mapping's concurrent batches: more would be throttled, fewer would throttle it.
        reservedConcurrency: batching.maximumConcurrency,
        logRetentionDays: args.logRetentionDays,
        tags: args.tags,
      },
      { parent: this },
    );

    new aws.lambda.EventSourceMapping(
      `${name}-events-mapping`,
      {
        eventSourceArn: events.queue.arn,
        functionName: fn.functionArn,
        batchSize: batching.batchSize,
        maximumBatchingWindowInSeconds: batching.maximumBatchingWindowInSeconds,
        // Without it Lambda ignores batchItemFailures and retries the whole batch.
        functionResponseTypes: ["ReportBatchItemFailures"],
        scalingConfig: { maximumConcurrency: batching.maximumConcurrency },
        tags: args.tags,
      },
      { parent: this, dependsOn: [fn] },
    );

    this.functionName = fn.functionName;
    this.queueArn = events.queue.arn;
    this.deadLetterQueueArn = dlq.queue.arn;
    // Resolves once the queue policy exists, so S3's check of the destination passes.
    const queueArn = pulumi.all([events.queue.arn, events.policy.id]).apply(([arn]) => arn);
    this.notifications = prefixes.map((filterPrefix) => ({
      queueArn,
      filterPrefix,
      events: ["s3:ObjectCreated:*"],
    }));
    this.registerOutputs({
      functionName: this.functionName,
      queueArn: this.queueArn,
      deadLetterQueueArn: this.deadLetterQueueArn,
    });
  }
}
