import { physicalNameProblems, policyDocumentsIn, wildcardGrantsIn } from "@lake/lake-components";
import { evaluateOnce, resolve, stackHarness, type Evaluation } from "@lake/pulumi-mocks";
import { registry, SOURCE_KINDS, type DatasetRegistry } from "@lake/schemas";
import {
  bronzeStack,
  dataProtectionProblems,
  exportMismatches,
  longestDatasetName,
  withLongestDatasetName,
  type BronzeStackOutputs,
  type StackExports,
} from "@lake/stacks";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it, vi } from "vitest";
import { bronzeConfig } from "../src/config.js";
import { createBronzeStack } from "../src/stack.js";

const harness = stackHarness(new URL("..", import.meta.url));
const evaluations = new Map<string, Evaluation<StackExports<BronzeStackOutputs>>>();

/** One evaluation per stack and registry, shared by the tests that only read it (tests run one after another). */
function evaluate(
  stack: "dev" | "prod",
  datasets: DatasetRegistry = registry,
  config: Record<string, string> = {},
): Promise<Evaluation<StackExports<BronzeStackOutputs>>> {
  return evaluateOnce(evaluations, `${stack}:${datasets.all().length}`, () =>
    harness.evaluate(stack, () => createBronzeStack(bronzeConfig.load(), datasets), { config }),
  );
}

/** The committed ingestion config plus the same settings for the longest-named api and cdc sources. */
function ingestionWithLongestNames(stack: string): Record<string, string> {
  const committed = JSON.parse(harness.config(stack)["infra-bronze:ingestion"] ?? "{}") as Record<
    string,
    unknown
  >;
  return {
    "infra-bronze:ingestion": JSON.stringify({
      ...committed,
      [longestDatasetName("cdc")]: committed["transactions"],
      [longestDatasetName("api")]: committed["support_tickets"],
    }),
  };
}

const ofType = (resources: Evaluation<unknown>["resources"], type: string) =>
  resources.filter((r) => r.type === type);

describe.each(["dev", "prod"] as const)("bronze stack (%s)", (stack) => {
  it("names the buckets after the prefix, account and region", async () => {
    const { resolved } = await evaluate(stack);
    expect(resolved.bronzeBucketName).toBe(`lake-${stack}-bronze-123456789012-eu-west-1`);
    expect(resolved.accessLogBucketName).toBe(`lake-${stack}-access-logs-123456789012-eu-west-1`);
    expect(resolved.kmsKeyArn).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\//);
  });

  it("encrypts the bronze bucket with the lake key", async () => {
    const { resolved, resources } = await evaluate(stack);
    const encryption = resources.filter(
      (r) =>
        r.type === "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );
    const kmsRules = JSON.stringify(encryption.map((r) => r.inputs));
    expect(kmsRules).toContain(String(resolved.kmsKeyArn));
  });

  it("crawls every registered source, and only those, into the bronze database", async () => {
    const { resolved, resources } = await evaluate(stack);
    const sources = registry.withSource().map((c) => c.name);
    expect(Object.keys(resolved.crawlerNames as object).sort()).toEqual([...sources].sort());
    const crawlers = resources.filter((r) => r.type === "aws:glue/crawler:Crawler");
    expect(crawlers).toHaveLength(sources.length);
    expect(crawlers.every((c) => c.inputs["databaseName"] === resolved.bronzeDatabaseName)).toBe(true);
    expect(resources.filter((r) => r.type === "aws:s3/bucketNotification:BucketNotification")).toHaveLength(
      1,
    );
  });

  it("grants no wildcard action on a wildcard resource in any policy", async () => {
    const { resources } = await evaluate(stack);
    expect(resources.flatMap((r) => policyDocumentsIn(r.inputs)).length).toBeGreaterThan(2);
    expect(wildcardGrantsIn(resources)).toEqual([]);
  });

  it("gives every resource a name its service accepts, even for the longest dataset name of each kind", async () => {
    const { resources } = await evaluate(
      stack,
      withLongestDatasetName(registry, SOURCE_KINDS),
      ingestionWithLongestNames(stack),
    );
    expect(resources.filter((r) => r.type === "aws:glue/crawler:Crawler")).toHaveLength(
      registry.withSource().length + SOURCE_KINDS.length,
    );
    expect(ofType(resources, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")).toHaveLength(2);
    expect(ofType(resources, "aws:dms/replicationConfig:ReplicationConfig")).toHaveLength(2);
    expect(ofType(resources, "aws:scheduler/schedule:Schedule")).toHaveLength(2);
    expect(physicalNameProblems(resources)).toEqual([]);
  });

  it("catalogs the file sources with one function fed by an encrypted queue with a dead-letter queue", async () => {
    const { resolved, resources } = await evaluate(stack);
    const ingestion = resolved.ingestion as { catalogingFunctionName: string };
    const fn = ofType(resources, "aws:lambda/function:Function").find(
      (r) => r.inputs["name"] === ingestion.catalogingFunctionName,
    );
    expect(fn?.inputs).toMatchObject({ runtime: "nodejs22.x", handler: "index.handler" });
    const mapping = ofType(resources, "aws:lambda/eventSourceMapping:EventSourceMapping");
    expect(mapping).toHaveLength(1);
    expect(mapping[0]?.inputs["functionResponseTypes"]).toEqual(["ReportBatchItemFailures"]);
    const queue = resources.find(
      (r) => r.type === "aws:sqs/queue:Queue" && r.name === `lake-${stack}-bronze-files-events`,
    )!;
    expect(queue.inputs["kmsMasterKeyId"]).toBe(resolved.kmsKeyArn);
    expect(JSON.parse(String(queue.inputs["redrivePolicy"]))).toMatchObject({ maxReceiveCount: 5 });
    // The function starts the file sources' crawlers: they crawl new folders, without an event queue.
    const customersCrawler = resources.find(
      (r) =>
        r.type === "aws:glue/crawler:Crawler" && r.name.startsWith(`lake-${stack}-bronze-customers-crawler`),
    );
    expect(customersCrawler?.inputs["recrawlPolicy"]).toEqual({ recrawlBehavior: "CRAWL_NEW_FOLDERS_ONLY" });
  });

  it("streams web_events through Kinesis and Firehose into its bronze days, encrypted", async () => {
    const { resolved, resources } = await evaluate(stack);
    const ingestion = resolved.ingestion as { kinesisStreamNames: object; deliveryStreamNames: object };
    expect(ingestion.deliveryStreamNames).toEqual({ web_events: `lake-${stack}-bronze-web_events` });
    expect(Object.keys(ingestion.kinesisStreamNames)).toEqual(["web_events"]);
    const [stream] = ofType(resources, "aws:kinesis/stream:Stream");
    expect(stream?.inputs).toMatchObject({ encryptionType: "KMS", kmsKeyId: resolved.kmsKeyArn });
    expect(stream?.inputs["retentionPeriod"]).toBe(stack === "prod" ? 168 : 24);
    const [delivery] = ofType(resources, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
    expect(delivery?.inputs["extendedS3Configuration"]).toMatchObject({
      prefix: "source=web_events/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
      compressionFormat: "GZIP",
      kmsKeyArn: resolved.kmsKeyArn,
    });
  });

  it("replicates transactions with DMS Serverless from the order database into its DMS folder", async () => {
    const { resolved, resources } = await evaluate(stack);
    const ingestion = resolved.ingestion as { replicationConfigArns: Record<string, string> };
    expect(Object.keys(ingestion.replicationConfigArns)).toEqual(["transactions"]);
    const [source] = ofType(resources, "aws:dms/endpoint:Endpoint");
    expect(source?.inputs).toMatchObject({
      engineName: "postgres",
      sslMode: "require",
      secretsManagerArn: `lake-${stack}/orders-db`,
    });
    const [target] = ofType(resources, "aws:dms/s3Endpoint:S3Endpoint");
    expect(target?.inputs).toMatchObject({
      bucketName: resolved.bronzeBucketName,
      bucketFolder: "source=transactions",
      dataFormat: "parquet",
      encryptionMode: "SSE_KMS",
      serverSideEncryptionKmsKeyId: resolved.kmsKeyArn,
    });
    const [replication] = ofType(resources, "aws:dms/replicationConfig:ReplicationConfig");
    expect(replication?.inputs["computeConfig"]).toMatchObject({
      kmsKeyId: resolved.kmsKeyArn,
      multiAz: stack === "prod",
    });
    // Crawled where DMS writes, from the events of that folder.
    const crawler = resources.find(
      (r) =>
        r.type === "aws:glue/crawler:Crawler" &&
        r.name.startsWith(`lake-${stack}-bronze-transactions-crawler`),
    );
    expect((crawler?.inputs["s3Targets"] as { path: string }[])[0]?.path).toBe(
      `s3://${String(resolved.bronzeBucketName)}/source=transactions/sales/transactions/`,
    );
  });

  it("pulls support_tickets on its contract's schedule, failures to an encrypted dead-letter queue", async () => {
    const { resolved, resources } = await evaluate(stack);
    const ingestion = resolved.ingestion as { pullerFunctionNames: object; scheduleNames: object };
    expect(ingestion.pullerFunctionNames).toEqual({
      support_tickets: `lake-${stack}-bronze-support_tickets-puller`,
    });
    const [group] = ofType(resources, "aws:scheduler/scheduleGroup:ScheduleGroup");
    const [schedule] = ofType(resources, "aws:scheduler/schedule:Schedule");
    expect(schedule?.inputs).toMatchObject({
      groupName: group?.inputs["name"],
      scheduleExpression: registry.get("support_tickets").source?.schedule,
      kmsKeyArn: resolved.kmsKeyArn,
    });
    const dlqArn = (schedule?.inputs["target"] as { deadLetterConfig: { arn: string } }).deadLetterConfig.arn;
    const [invoke] = ofType(resources, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig");
    expect(invoke?.inputs["destinationConfig"]).toEqual({ onFailure: { destination: dlqArn } });
  });

  it("reports each source's kind, and sends every event-mode and file queue its folder's events", async () => {
    const { resolved, resources } = await evaluate(stack);
    expect((resolved.ingestion as { kinds: object }).kinds).toEqual({
      customers: "file",
      support_tickets: "api",
      transactions: "cdc",
      web_events: "stream",
    });
    const [notification] = ofType(resources, "aws:s3/bucketNotification:BucketNotification");
    const prefixes = (notification?.inputs["queues"] as { filterPrefix: string }[])
      .map((q) => q.filterPrefix)
      .sort();
    expect(prefixes).toEqual([
      "source=customers/",
      "source=support_tickets/",
      "source=transactions/sales/transactions/",
      "source=web_events/",
    ]);
  });
});

describe("ingestion config", () => {
  it.each([
    [
      { "infra-bronze:ingestion": "{}" },
      /ingestion.support_tickets.api is missing: the api source support_tickets needs it/,
    ],
    [
      { "infra-bronze:ingestion": '{"orders": {"stream": {}}}' },
      /ingestion.orders: no source dataset is named orders/,
    ],
    [
      { "infra-bronze:ingestion": '{"customers": {"stream": {}}}' },
      /ingestion.customers.stream: customers is a file source, which needs no ingestion config/,
    ],
  ])("refuses %j, naming the key", async (config, message) => {
    await expect(
      harness.evaluate("dev", () => createBronzeStack(bronzeConfig.load(), registry), { config }),
    ).rejects.toThrow(message);
  });
});

describe("data protection", () => {
  it("protects only data in prod: jobs, roles and other replaceable resources stay deletable", async () => {
    const { resources } = await evaluate("prod");
    expect(
      dataProtectionProblems(resources, [
        "aws:glue/crawler:Crawler",
        "aws:iam/role:Role",
        "aws:sqs/queue:Queue",
        "aws:lambda/function:Function",
        "aws:lambda/eventSourceMapping:EventSourceMapping",
        "aws:kinesis/stream:Stream",
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        "aws:dms/endpoint:Endpoint",
        "aws:dms/s3Endpoint:S3Endpoint",
        "aws:dms/replicationConfig:ReplicationConfig",
        "aws:scheduler/schedule:Schedule",
        "aws:cloudwatch/logGroup:LogGroup",
      ]),
    ).toEqual([]);
  });

  it("protects and retains every bucket and key in prod", async () => {
    const { resources } = await evaluate("prod");
    const data = resources.filter((r) => r.type === "aws:s3/bucket:Bucket" || r.type === "aws:kms/key:Key");
    expect(data.length).toBe(3);
    for (const r of data)
      expect({ name: r.name, protect: r.protect, retain: r.retainOnDelete }).toEqual({
        name: r.name,
        protect: true,
        retain: true,
      });
    expect(
      resources
        .filter((r) => r.type === "aws:s3/bucket:Bucket")
        .every((r) => r.inputs["forceDestroy"] === false),
    ).toBe(true);
  });

  it("leaves dev destroyable", async () => {
    const { resources } = await evaluate("dev");
    const buckets = resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
    expect(buckets.every((r) => !r.protect && !r.retainOnDelete && r.inputs["forceDestroy"] === true)).toBe(
      true,
    );
  });
});

describe("program (src/index.ts)", () => {
  it.each(["dev", "prod"])("exports exactly its contract with the %s config", async (stack) => {
    await harness.start(stack);
    vi.resetModules();
    const program = (await import("../src/index.js")) as Record<string, unknown>;
    expect(exportMismatches(bronzeStack, program)).toEqual([]);
    expect(await resolve(program["bronzeBucketName"] as pulumi.Output<string>)).toBe(
      `lake-${stack}-bronze-123456789012-eu-west-1`,
    );
    await harness.finish();
  });

  it("fails with the stack and key named when the config is wrong", async () => {
    await harness.start("dev", { config: { "infra-bronze:environment": "qa" } });
    vi.resetModules();
    await expect(import("../src/index.js")).rejects.toThrow(
      /infra-bronze stack "dev": invalid configuration[\s\S]*→ at environment/,
    );
    await harness.finish();
  });
});
