import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { eventBatchingProblems, fileIngestionProblems } from "../../src/ingest/file-settings.js";
import { functionLogGroupName, functionSettingsProblems } from "../../src/ingest/lambda-settings.js";
import {
  invocationRetryProblems,
  SCHEDULED_INPUT,
  scheduleExpressionProblems,
  scheduleRetryProblems,
} from "../../src/ingest/scheduler-settings.js";
import { secretPolicyArn, secretReferenceProblems } from "../../src/ingest/secrets.js";
import {
  kinesisStreamNameOf,
  mskReadStatements,
  streamSourceProblems,
} from "../../src/ingest/stream-source.js";

describe("Scheduler and Lambda retry settings", () => {
  it("sends the scheduled time as Scheduler's context attribute", () => {
    expect(JSON.parse(SCHEDULED_INPUT)).toEqual({ scheduledTime: "<aws.scheduler.scheduled-time>" });
  });

  it.each([
    [{ maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 }, []],
    [{ maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 }, []],
    [
      { maximumRetryAttempts: 186, maximumEventAgeInSeconds: 60 },
      ["schedule maximumRetryAttempts must be 0 to 185, got 186"],
    ],
    [
      { maximumRetryAttempts: 1, maximumEventAgeInSeconds: 59 },
      ["schedule maximumEventAgeInSeconds must be 60 to 86400, got 59"],
    ],
  ])("schedule retry %j: %j", (retry, problems) => {
    expect(scheduleRetryProblems(retry)).toEqual(problems);
  });

  it.each([
    [{ maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21_600 }, []],
    [
      { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 60 },
      ["invocation maximumRetryAttempts must be 0 to 2, got 3"],
    ],
    [
      { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 21_601 },
      ["invocation maximumEventAgeInSeconds must be 60 to 21600, got 21601"],
    ],
  ])("invocation retry %j: %j", (retry, problems) => {
    expect(invocationRetryProblems(retry)).toEqual(problems);
  });

  it.each([
    [registry.get("support_tickets").source?.schedule ?? "", []],
    ["rate(1 hour)", []],
    ["every hour", ['"every hour" is not a cron(), rate() or at() expression']],
  ])("schedule expression %s", (expression, problems) => {
    expect(scheduleExpressionProblems(expression)).toEqual(problems);
  });
});

describe("function settings", () => {
  it.each([
    [{ timeoutSeconds: 900, memoryMb: 10_240, reservedConcurrency: 1, logRetentionDays: 3653 }, []],
    [
      { timeoutSeconds: 901, memoryMb: 256, reservedConcurrency: 1, logRetentionDays: 30 },
      ["timeoutSeconds must be a whole number from 1 to 900, got 901"],
    ],
    [
      { timeoutSeconds: 60, memoryMb: 64, reservedConcurrency: 1, logRetentionDays: 30 },
      ["memoryMb must be a whole number from 128 to 10240, got 64"],
    ],
    [
      { timeoutSeconds: 60, memoryMb: 256, reservedConcurrency: 0, logRetentionDays: 30 },
      ["reservedConcurrency must be a whole number of at least 1, got 0"],
    ],
    [
      { timeoutSeconds: 60, memoryMb: 256, reservedConcurrency: 1, logRetentionDays: 31 },
      [expect.stringMatching(/^logRetentionDays must be one of 1, 3, 5, 7, 14, 30, .* got 31$/)],
    ],
  ])("%j: %j", (settings, problems) => {
    expect(functionSettingsProblems(settings)).toEqual(problems);
  });

  it("names the log group Lambda would", () => {
    expect(functionLogGroupName("lake-dev-files")).toBe("/aws/lambda/lake-dev-files");
  });

  it.each([
    [{ batchSize: 10, maximumBatchingWindowInSeconds: 0, maximumConcurrency: 2 }, []],
    [
      { batchSize: 100, maximumBatchingWindowInSeconds: 0, maximumConcurrency: 2 },
      ["batchSize 100 needs maximumBatchingWindowInSeconds of at least 1 (10 without a window)"],
    ],
    [
      { batchSize: 100, maximumBatchingWindowInSeconds: 301, maximumConcurrency: 2 },
      ["maximumBatchingWindowInSeconds must be 0 to 300, got 301"],
    ],
    [
      { batchSize: 10, maximumBatchingWindowInSeconds: 0, maximumConcurrency: 1 },
      ["maximumConcurrency must be 2 to 1000, got 1"],
    ],
  ])("event batching %j: %j", (batching, problems) => {
    expect(eventBatchingProblems(batching)).toEqual(problems);
  });

  it("serves file sources only", () => {
    const batching = { batchSize: 10, maximumBatchingWindowInSeconds: 0, maximumConcurrency: 2 };
    expect(fileIngestionProblems([registry.get("customers")], batching, 5)).toEqual([]);
    expect(fileIngestionProblems([registry.get("web_events")], batching, 0)).toEqual([
      "dataset web_events is a stream source, not a file source",
      "maxReceiveCount must be 1 to 1000, got 0",
    ]);
    expect(fileIngestionProblems([], batching, 5)).toEqual(["sources is empty: there is nothing to catalog"]);
  });
});

describe("secrets and stream sources", () => {
  const ctx = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
  it.each([
    ["lake-dev/helpdesk", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:lake-dev/helpdesk-??????"],
    [
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
    ],
  ])("grants on %s as %s", (secret, arn) => {
    expect(secretPolicyArn(secret, ctx)).toBe(arn);
    expect(secretReferenceProblems(secret)).toEqual([]);
  });

  it.each([
    ["arn:aws:s3:::bucket", '"arn:aws:s3:::bucket" is not a Secrets Manager secret ARN'],
    ["has space", '"has space" is not a secret name (1-512 letters, digits and /_+=.@-)'],
  ])("refuses %s", (secret, problem) => {
    expect(secretReferenceProblems(secret)).toEqual([problem]);
  });

  it("checks what a Kinesis or MSK source may be", () => {
    expect(streamSourceProblems({ kind: "kinesis" })).toEqual([]);
    expect(streamSourceProblems({ kind: "kinesis", retentionHours: 8761 })).toEqual([
      "retentionHours must be 24 to 8760, got 8761",
    ]);
    expect(
      streamSourceProblems({
        kind: "kinesis",
        streamArn: "arn:aws:kinesis:eu-west-1:1:stream/s",
        shardCount: 2,
      }),
    ).toEqual(["shardCount and retentionHours are for a stream the lake creates, not an existing streamArn"]);
    expect(
      streamSourceProblems({
        kind: "msk",
        clusterArn: "arn:aws:kafka:eu-west-1:123456789012:cluster/clicks/abc-1",
        topic: "clicks",
      }),
    ).toEqual([]);
    expect(
      streamSourceProblems({
        kind: "msk",
        clusterArn: "arn:aws:kafka:eu-west-1:123456789012:topic/x",
        topic: "a b",
      }),
    ).toEqual([
      'clusterArn "arn:aws:kafka:eu-west-1:123456789012:topic/x" is not an MSK cluster ARN (…:kafka:…:cluster/<name>/<uuid>)',
      'topic "a b" is not a Kafka topic name (1-249 letters, digits, . _ -)',
    ]);
    expect(kinesisStreamNameOf("arn:aws:kinesis:eu-west-1:123456789012:stream/clicks")).toBe("clicks");
  });

  it("grants Firehose the MSK cluster, the one topic and the cluster's consumer groups", () => {
    const statements = mskReadStatements("arn:aws:kafka:eu-west-1:123456789012:cluster/clicks/abc-1", "web");
    expect(statements.map((s) => s.Resource)).toEqual([
      ["arn:aws:kafka:eu-west-1:123456789012:cluster/clicks/abc-1"],
      ["arn:aws:kafka:eu-west-1:123456789012:topic/clicks/abc-1/web"],
      ["arn:aws:kafka:eu-west-1:123456789012:group/clicks/abc-1/*"],
    ]);
  });
});
