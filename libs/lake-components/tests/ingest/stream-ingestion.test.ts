import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { firehoseErrorPrefix, firehosePrefix } from "../../src/ingest/firehose-settings.js";
import { StreamIngestion } from "../../src/ingest/stream-ingestion.js";
import { policyOf, resolve, resource, resourcesOf, settled, statementsBySid } from "../helpers.js";

const bucket = {
  bucketName: "lake-bronze",
  bucketArn: "arn:aws:s3:::lake-bronze",
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/bronze",
};
const webEvents = registry.get("web_events");

describe("StreamIngestion (a new Kinesis stream)", async () => {
  const ingestion = new StreamIngestion("clicks", { contract: webEvents, bucket });
  const [streamName, streamArn] = await Promise.all([
    resolve(ingestion.kinesisStreamName!),
    resolve(ingestion.kinesisStreamArn!),
    resolve(ingestion.deliveryStreamName),
  ]);
  await settled();
  const delivery = resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "clicks-delivery");

  it("creates an on-demand stream encrypted with the lake key", () => {
    const stream = resource("aws:kinesis/stream:Stream", "clicks-stream");
    expect(stream.inputs).toMatchObject({
      streamModeDetails: { streamMode: "ON_DEMAND" },
      retentionPeriod: 24,
      encryptionType: "KMS",
      kmsKeyId: bucket.kmsKeyArn,
    });
    expect(streamName).toBe(stream.state.name);
  });

  it("delivers through one Firehose into the source's hive days, GZIP, SSE-KMS, errors outside the table", () => {
    expect(delivery.inputs).toMatchObject({
      name: "clicks",
      destination: "extended_s3",
      kinesisSourceConfiguration: { kinesisStreamArn: streamArn },
      extendedS3Configuration: {
        bucketArn: bucket.bucketArn,
        prefix: firehosePrefix(webEvents),
        errorOutputPrefix: firehoseErrorPrefix(webEvents),
        compressionFormat: "GZIP",
        fileExtension: ".jsonl.gz",
        bufferingSize: 64,
        bufferingInterval: 300,
        kmsKeyArn: bucket.kmsKeyArn,
        cloudwatchLoggingOptions: {
          enabled: true,
          logGroupName: "/aws/kinesisfirehose/clicks",
          logStreamName: "DestinationDelivery",
        },
      },
    });
    // A Kinesis-fed delivery stream takes the stream's encryption; Firehose refuses its own SSE for it.
    expect(delivery.inputs.serverSideEncryption).toBeUndefined();
    expect(resource("aws:cloudwatch/logGroup:LogGroup", "clicks-logs").inputs.kmsKeyId).toBe(
      bucket.kmsKeyArn,
    );
  });

  it("lets Firehose read the stream and write only the source's folder and its error folder", () => {
    const bySid = statementsBySid(resourcesOf("aws:iam/rolePolicy:RolePolicy", "clicks-delivery")[0]!);
    expect(bySid.ReadStream?.Resource).toEqual([streamArn]);
    expect(bySid.StreamKey?.Resource).toEqual([bucket.kmsKeyArn]);
    expect(bySid.Deliver).toEqual({
      Sid: "Deliver",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
      Resource: [
        "arn:aws:s3:::lake-bronze/source=web_events/*",
        "arn:aws:s3:::lake-bronze/firehose-errors/source=web_events/*",
      ],
    });
    expect(bySid.DeliverList?.Action).toEqual([
      "s3:ListBucket",
      "s3:GetBucketLocation",
      "s3:ListBucketMultipartUploads",
    ]);
    const trust = JSON.parse(
      String(resourcesOf("aws:iam/role:Role", "clicks-delivery")[0]!.inputs.assumeRolePolicy),
    ) as {
      Statement: { Principal: unknown }[];
    };
    expect(trust.Statement[0]?.Principal).toEqual({ Service: "firehose.amazonaws.com" });
  });
});

describe("StreamIngestion (other sources)", () => {
  it("reads an existing stream with its own key, and creates none", async () => {
    const ingestion = new StreamIngestion("existing", {
      contract: webEvents,
      bucket,
      source: {
        kind: "kinesis",
        streamArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/site-clicks",
        streamKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/stream",
      },
    });
    expect(await resolve(ingestion.kinesisStreamName!)).toBe("site-clicks");
    await settled();
    expect(resourcesOf("aws:kinesis/stream:Stream", "existing")).toEqual([]);
    const policy = policyOf(resourcesOf("aws:iam/rolePolicy:RolePolicy", "existing-delivery")[0]!);
    expect(policy.Statement.find((s) => s.Sid === "StreamKey")?.Resource).toEqual([
      "arn:aws:kms:eu-west-1:123456789012:key/stream",
    ]);
  });

  it("reads an MSK topic over private connectivity", async () => {
    const clusterArn = "arn:aws:kafka:eu-west-1:123456789012:cluster/clicks/abc-1";
    const ingestion = new StreamIngestion("msk", {
      contract: webEvents,
      bucket,
      source: { kind: "msk", clusterArn, topic: "web-events" },
    });
    await resolve(ingestion.deliveryStreamArn);
    await settled();
    const delivery = resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "msk-delivery");
    expect(delivery.inputs.mskSourceConfiguration).toMatchObject({
      mskClusterArn: clusterArn,
      topicName: "web-events",
      authenticationConfiguration: { connectivity: "PRIVATE" },
    });
    expect(delivery.inputs.kinesisSourceConfiguration).toBeUndefined();
    expect(ingestion.kinesisStreamName).toBeUndefined();
  });

  it.each([
    [{ contract: registry.get("customers") }, /customers is not a stream source/],
    [{ buffering: { sizeMiB: 200, intervalSeconds: 300 } }, /buffering size must be 1 to 128 MiB, got 200/],
    [{ logRetentionDays: 10 }, /logRetentionDays must be one of/],
    [{ source: { kind: "msk" as const, clusterArn: "nope", topic: "t" } }, /not an ARN/],
  ])("refuses %j", (change, message) => {
    expect(() => new StreamIngestion("bad", { contract: webEvents, bucket, ...change })).toThrow(message);
  });
});
