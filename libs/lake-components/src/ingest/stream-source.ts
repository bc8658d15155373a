// Where a stream source's records come from: a Kinesis data stream (created by the lake or existing) or a topic
// of an MSK cluster, and what Firehose may do with it.
import * as pulumi from "@pulumi/pulumi";
import { parseArn } from "../iam/arns.js";
import type { PolicyStatement } from "../iam/policy-document.js";

export type StreamSource =
  | {
      readonly kind: "kinesis";
      /** An existing stream; absent: the lake creates one (on demand unless `shardCount` is set). */
      readonly streamArn?: pulumi.Input<string>;
      /** The key an existing stream is encrypted with (Firehose decrypts with it). */
      readonly streamKmsKeyArn?: pulumi.Input<string>;
      /** Provisioned mode with this many shards; absent: on-demand capacity. */
      readonly shardCount?: number;
      /** 24 (the default) to 8760 hours (Kinesis IncreaseStreamRetentionPeriod). */
      readonly retentionHours?: number;
    }
  | {
      readonly kind: "msk";
      /** `arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>`. */
      readonly clusterArn: string;
      readonly topic: string;
      /** Defaults to PRIVATE: IAM access control and multi-VPC private connectivity on the cluster. */
      readonly connectivity?: "PRIVATE" | "PUBLIC";
    };

export function streamSourceProblems(source: StreamSource): string[] {
  if (source.kind === "kinesis") {
    const hours = source.retentionHours ?? 24;
    return [
      ...(source.streamArn !== undefined &&
      (source.shardCount !== undefined || source.retentionHours !== undefined)
        ? ["shardCount and retentionHours are for a stream the lake creates, not an existing streamArn"]
        : []),
      ...(source.shardCount !== undefined && (!Number.isInteger(source.shardCount) || source.shardCount < 1)
        ? [`shardCount must be a whole number of at least 1, got ${source.shardCount}`]
        : []),
      ...(!Number.isInteger(hours) || hours < 24 || hours > 8760
        ? [`retentionHours must be 24 to 8760, got ${hours}`]
        : []),
    ];
  }
  const problems: string[] = [];
  try {
    const arn = parseArn(source.clusterArn);
    if (arn.service !== "kafka" || !/^cluster\/[^/]+\/[^/]+$/.test(arn.resource)) {
      problems.push(
        `clusterArn "${source.clusterArn}" is not an MSK cluster ARN (…:kafka:…:cluster/<name>/<uuid>)`,
      );
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(source.topic)) {
    problems.push(`topic "${source.topic}" is not a Kafka topic name (1-249 letters, digits, . _ -)`);
  }
  return problems;
}

/** `arn:aws:kinesis:<region>:<account>:stream/<name>` -> `<name>`. */
export function kinesisStreamNameOf(streamArn: string): string {
  const match = /:stream\/([^/]+)$/.exec(streamArn);
  if (!match) throw new Error(`"${streamArn}" is not a Kinesis stream ARN (…:kinesis:…:stream/<name>)`);
  return match[1] as string;
}

/**
 * What Firehose needs to read one topic of an MSK cluster with IAM access control (Firehose developer guide,
 * "Grant Firehose access to an Amazon MSK source"): the cluster, the topic and consumer groups of that cluster,
 * named by ARNs derived from the cluster's (`cluster/` -> `topic/` and `group/`).
 */
export function mskReadStatements(clusterArn: string, topic: string): PolicyStatement[] {
  const [head = "", path = ""] = clusterArn.split(":cluster/");
  return [
    {
      Sid: "ReadCluster",
      Effect: "Allow",
      Action: [
        "kafka:GetBootstrapBrokers",
        "kafka:DescribeCluster",
        "kafka:DescribeClusterV2",
        "kafka-cluster:Connect",
      ],
      Resource: [clusterArn],
    },
    {
      Sid: "ReadTopic",
      Effect: "Allow",
      Action: [
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:DescribeTopicDynamicConfiguration",
        "kafka-cluster:ReadData",
      ],
      Resource: [`${head}:topic/${path}/${topic}`],
    },
    {
      Sid: "ConsumerGroups",
      Effect: "Allow",
      Action: ["kafka-cluster:DescribeGroup"],
      Resource: [`${head}:group/${path}/*`],
    },
  ];
}
