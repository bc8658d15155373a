// A bronze bucket in moto wired as in AWS: object events of `source=` keys go to an SQS queue, and the messages
// S3 put there (with S3's own key encoding) become the SQS batch the cataloging function receives.
import { CreateCrawlerCommand, CreateDatabaseCommand, ListCrawlsCommand } from "@aws-sdk/client-glue";
import {
  CreateBucketCommand,
  GetObjectTaggingCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { clients, REGION, unique } from "./aws.js";

export type Clients = ReturnType<typeof clients>;

export interface Bronze {
  readonly bucket: string;
  readonly queueUrl: string;
  readonly database: string;
  readonly aws: Clients;
}

export async function bronzeBucket(aws: Clients = clients()): Promise<Bronze> {
  const bucket = unique("bronze");
  await aws.s3.send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
  );
  await aws.s3.send(
    new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
  );
  const { QueueUrl: queueUrl } = await aws.sqs.send(new CreateQueueCommand({ QueueName: unique("events") }));
  const attributes = await aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }),
  );
  await aws.s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: bucket,
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            QueueArn: attributes.Attributes?.["QueueArn"],
            Events: ["s3:ObjectCreated:*"],
          },
        ],
      },
    }),
  );
  const database = unique("bronze_db").replace(/-/g, "_");
  await aws.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: database } }));
  return { bucket, queueUrl: queueUrl as string, database, aws };
}

/** A crawler over one source's folder, as SourceCrawler makes it; returns its name. */
export async function crawlerFor(bronze: Bronze, source: string): Promise<string> {
  const name = unique(`crawler-${source}`);
  await bronze.aws.glue.send(
    new CreateCrawlerCommand({
      Name: name,
      Role: "arn:aws:iam::123456789012:role/crawler",
      DatabaseName: bronze.database,
      Targets: { S3Targets: [{ Path: `s3://${bronze.bucket}/source=${source}/` }] },
    }),
  );
  return name;
}

export async function putObject(
  bronze: Bronze,
  key: string,
  tags?: Readonly<Record<string, string>>,
): Promise<string | undefined> {
  const put = await bronze.aws.s3.send(
    new PutObjectCommand({
      Bucket: bronze.bucket,
      Key: key,
      Body: '{"id": 1}\n',
      ...(tags ? { Tagging: new URLSearchParams(tags).toString() } : {}),
    }),
  );
  return put.VersionId;
}

export async function tagsOf(
  bronze: Bronze,
  key: string,
  versionId?: string,
): Promise<Record<string, string>> {
  const out = await bronze.aws.s3.send(
    new GetObjectTaggingCommand({ Bucket: bronze.bucket, Key: key, VersionId: versionId }),
  );
  return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}

export async function crawlCount(bronze: Bronze, crawler: string): Promise<number> {
  const out = await bronze.aws.glue.send(new ListCrawlsCommand({ CrawlerName: crawler }));
  return out.Crawls?.length ?? 0;
}

export function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: "0",
      SenderId: "s3.amazonaws.com",
      ApproximateFirstReceiveTimestamp: "0",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:events",
    awsRegion: REGION,
  };
}

/** Every message S3 has sent to the queue so far, as one Lambda batch (S3's test event included). */
export async function receivedBatch(bronze: Bronze, expected: number): Promise<SQSEvent> {
  const records: SQSRecord[] = [];
  for (let tries = 0; tries < 20 && records.length < expected; tries++) {
    const out = await bronze.aws.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: bronze.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const m of out.Messages ?? []) records.push(sqsRecord(m.MessageId ?? "", m.Body ?? ""));
  }
  return { Records: records };
}

/** The messages that report a created object (not the test event S3 sends when notifications are set up). */
export function objectMessages(event: SQSEvent): SQSRecord[] {
  return event.Records.filter((r) => r.body.includes('"Records"'));
}
