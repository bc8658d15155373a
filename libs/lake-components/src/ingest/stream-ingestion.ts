import type { DatasetContract } from "@lake/schemas";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../aws-context.js";
import {
  kinesisReadStatement,
  kmsStatements,
  logWriteStatement,
  s3ListStatement,
  s3ObjectStatement,
  type PolicyStatement,
} from "../iam/policy-document.js";
import { ServiceRole } from "../iam/service-role.js";
import { autoNamed, physicalName } from "../physical-names.js";
import type { BucketRef } from "../storage/lake-bucket.js";
import { logRetentionProblems } from "./lambda-settings.js";
import {
  FIREHOSE_ERROR_ROOT,
  firehoseS3Settings,
  firehoseSettingsProblems,
  type FirehoseBuffering,
} from "./firehose-settings.js";
import {
  kinesisStreamNameOf,
  mskReadStatements,
  streamSourceProblems,
  type StreamSource,
} from "./stream-source.js";

export interface StreamIngestionArgs {
  /** A `stream` contract; its records land in `source=<name>/year=/month=/day=/`. */
  readonly contract: DatasetContract;
  /** The bronze bucket; its key encrypts the objects, the new Kinesis stream and the delivery logs. */
  readonly bucket: BucketRef;
  /** Defaults to a new on-demand Kinesis data stream. */
  readonly source?: StreamSource;
  /** Defaults to 64 MiB or 300 seconds, whichever comes first: objects big enough for Spark, at most 5 minutes late. */
  readonly buffering?: FirehoseBuffering;
  /** Defaults to 30 days. */
  readonly logRetentionDays?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Ingestion of one `stream` source: a Kinesis data stream (new, encrypted with the lake key, or an existing one)
 * or an MSK topic, read by one Firehose delivery stream that writes GZIP-compressed JSON lines into the source's
 * bronze days, with an error prefix outside the table, SSE-KMS objects, and delivery errors logged to an
 * encrypted log group. Firehose takes its source's encryption: a Kinesis- or MSK-fed stream sets no
 * serverSideEncryption of its own (Firehose rejects it for those sources).
 */
export class StreamIngestion extends pulumi.ComponentResource {
  public readonly deliveryStreamName: pulumi.Output<string>;
  public readonly deliveryStreamArn: pulumi.Output<string>;
  /** The Kinesis stream producers write to; undefined for an MSK source. */
  public readonly kinesisStreamName?: pulumi.Output<string>;
  public readonly kinesisStreamArn?: pulumi.Output<string>;

  constructor(name: string, args: StreamIngestionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:ingest:StreamIngestion", name, {}, opts);
    const c = args.contract;
    const source: StreamSource = args.source ?? { kind: "kinesis" };
    const buffering = args.buffering ?? { sizeMiB: 64, intervalSeconds: 300 };
    const logRetentionDays = args.logRetentionDays ?? 30;
    const table = c.source?.kind === "stream" ? c.source : undefined;
    const settings = table ? firehoseS3Settings(c, buffering) : undefined;
    const problems = [
      ...(table ? [] : [`dataset ${c.name} is not a stream source`]),
      ...(settings && table ? firehoseSettingsProblems(settings, table.tablePrefix) : []),
      ...streamSourceProblems(source),
      ...logRetentionProblems(logRetentionDays),
    ];
    if (problems.length > 0 || !settings || !table) {
      throw new pulumi.ResourceError(`StreamIngestion ${name}: ${problems.join("; ")}`, this);
    }
    const ctx = awsContext(this);
    const key = args.bucket.kmsKeyArn;
    const deliveryName = physicalName("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", name);

    let stream:
      { arn: pulumi.Input<string>; keyArn?: pulumi.Input<string>; name?: pulumi.Output<string> } | undefined;
    if (source.kind === "kinesis" && source.streamArn === undefined) {
      const created = new aws.kinesis.Stream(
        autoNamed("aws:kinesis/stream:Stream", `${name}-stream`),
        {
          ...(source.shardCount === undefined
            ? { streamModeDetails: { streamMode: "ON_DEMAND" } }
            : { streamModeDetails: { streamMode: "PROVISIONED" }, shardCount: source.shardCount }),
          retentionPeriod: source.retentionHours ?? 24,
          encryptionType: "KMS",
          kmsKeyId: key,
          tags: args.tags,
        },
        { parent: this },
      );
      stream = { arn: created.arn, keyArn: key, name: created.name };
    } else if (source.kind === "kinesis" && source.streamArn !== undefined) {
      stream = {
        arn: source.streamArn,
        keyArn: source.streamKmsKeyArn,
        name: pulumi.output(source.streamArn).apply(kinesisStreamNameOf),
      };
    }

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `/aws/kinesisfirehose/${deliveryName}`,
        kmsKeyId: key,
        retentionInDays: logRetentionDays,
        tags: args.tags,
      },
      { parent: this },
    );
    const logStream = new aws.cloudwatch.LogStream(
      `${name}-delivery-log`,
      { name: "DestinationDelivery", logGroupName: logGroup.name },
      { parent: this },
    );

    const bucketScope = {
      bucketArn: args.bucket.bucketArn,
      prefixes: [table.tablePrefix, `${FIREHOSE_ERROR_ROOT}source=${c.name}/`],
    };
    const sourceStatements: PolicyStatement[] = stream
      ? [
          kinesisReadStatement([stream.arn]),
          ...(stream.keyArn ? kmsStatements([stream.keyArn], "decrypt", "StreamKey") : []),
        ]
      : source.kind === "msk"
        ? mskReadStatements(source.clusterArn, source.topic)
        : [];
    const role = new ServiceRole(
      `${name}-delivery`,
      {
        service: "firehose.amazonaws.com",
        sourceAccount: ctx.accountId,
        description: `Firehose delivery of stream source ${c.name} into bronze`,
        statements: [
          ...sourceStatements,
          // Firehose's S3 destination access (Firehose developer guide, "Grant Firehose access to an Amazon S3
          // destination"), limited to the source's folder and its error folder.
          s3ListStatement(bucketScope, "DeliverList", ["s3:ListBucketMultipartUploads"]),
          s3ObjectStatement(
            bucketScope,
            ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
            "Deliver",
          ),
          ...kmsStatements([key], "encrypt", "BronzeKey"),
          logWriteStatement(logGroup.arn),
        ],
        tags: args.tags,
      },
      { parent: this },
    );

    const delivery = new aws.kinesis.FirehoseDeliveryStream(
      autoNamed("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", `${name}-delivery`),
      {
        name: deliveryName,
        destination: "extended_s3",
        ...(stream
          ? { kinesisSourceConfiguration: { kinesisStreamArn: stream.arn, roleArn: role.roleArn } }
          : source.kind === "msk"
            ? {
                mskSourceConfiguration: {
                  mskClusterArn: source.clusterArn,
                  topicName: source.topic,
                  authenticationConfiguration: {
                    connectivity: source.connectivity ?? "PRIVATE",
                    roleArn: role.roleArn,
                  },
                },
              }
            : {}),
        extendedS3Configuration: {
          bucketArn: args.bucket.bucketArn,
          roleArn: role.roleArn,
          ...settings,
          kmsKeyArn: key,
          cloudwatchLoggingOptions: {
            enabled: true,
            logGroupName: logGroup.name,
            logStreamName: logStream.name,
          },
        },
        tags: args.tags,
      },
      // Firehose checks the role when the stream is created: its policy must be attached by then.
      { parent: this, dependsOn: [role, logStream] },
    );

    this.deliveryStreamName = delivery.name;
    this.deliveryStreamArn = delivery.arn;
    this.kinesisStreamName = stream?.name;
    this.kinesisStreamArn = stream ? pulumi.output(stream.arn) : undefined;
    this.registerOutputs({
      deliveryStreamName: this.deliveryStreamName,
      deliveryStreamArn: this.deliveryStreamArn,
      kinesisStreamName: this.kinesisStreamName,
      kinesisStreamArn: this.kinesisStreamArn,
    });
  }
}
