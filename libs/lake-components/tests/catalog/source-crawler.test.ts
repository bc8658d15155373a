import { defineDataset, registry } from "@lake/schemas";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { SourceCrawler } from "../../src/catalog/source-crawler.js";
import { findWildcardGrants } from "../../src/iam/policy-document.js";
import { MOCK_ACCOUNT as ACCOUNT } from "@lake/pulumi-mocks";
import { policyOf, resource, resourcesOf, settled, resolve } from "../helpers.js";

const bucket = {
  bucketName: "lake-bronze",
  bucketArn: "arn:aws:s3:::lake-bronze",
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/bronze",
};
const database = {
  databaseName: "bronze",
  databaseArn: "arn:aws:glue:eu-west-1:123456789012:database/bronze",
  layer: "bronze" as const,
};

describe("SourceCrawler (file source, event mode)", async () => {
  const crawler = new SourceCrawler("customers", { contract: registry.get("customers"), database, bucket });
  const [name, queueArn, notifiedArn, target] = await Promise.all([
    resolve(crawler.crawlerName),
    resolve(crawler.queueArn!),
    resolve(crawler.notification!.queueArn as never),
    resolve(crawler.targetPath),
  ]);
  await settled();
  const inputs = resource("aws:glue/crawler:Crawler", "customers-crawler").inputs;

  it("crawls the source's bronze prefix from S3 events, into the bronze database", () => {
    expect(name).toMatch(/^customers-crawler/);
    expect(target).toBe("s3://lake-bronze/source=customers/");
    expect(inputs.databaseName).toBe("bronze");
    expect(inputs.recrawlPolicy).toEqual({ recrawlBehavior: "CRAWL_EVENT_MODE" });
    expect(inputs.schemaChangePolicy).toEqual({
      updateBehavior: "UPDATE_IN_DATABASE",
      deleteBehavior: "LOG",
    });
    const [s3Target] = inputs.s3Targets as Record<string, unknown>[];
    expect(s3Target).toMatchObject({ path: target, eventQueueArn: queueArn });
    expect(s3Target?.dlqEventQueueArn).toMatch(/customers-events-dlq/);
    expect(inputs.schedule).toBeUndefined();
  });

  it("uses queues encrypted with the bronze key that only the bronze bucket may send to, over TLS only", () => {
    const queues = resourcesOf("aws:sqs/queue:Queue", "customers-events");
    expect(queues).toHaveLength(2);
    for (const q of queues) expect(q.inputs.kmsMasterKeyId).toBe(bucket.kmsKeyArn);
    const deny = (arn: string) => ({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: ["sqs:*"],
      Resource: [arn],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    const policy = policyOf(resource("aws:sqs/queuePolicy:QueuePolicy", "customers-events-policy"));
    expect(policy.Statement).toEqual([
      deny(queueArn),
      {
        Sid: "AllowBucketNotifications",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: ["sqs:SendMessage"],
        Resource: [queueArn],
        Condition: {
          ArnEquals: { "aws:SourceArn": bucket.bucketArn },
          StringEquals: { "aws:SourceAccount": ACCOUNT },
        },
      },
    ]);
    const dlq = resource("aws:sqs/queue:Queue", "customers-events-dlq");
    const dlqPolicy = policyOf(resource("aws:sqs/queuePolicy:QueuePolicy", "customers-events-dlq-policy"));
    expect(dlqPolicy.Statement).toEqual([deny(String(dlq.state.arn))]);
  });

  it("moves an event that fails five times to the dead-letter queue", () => {
    const queue = resource("aws:sqs/queue:Queue", "customers-events");
    const dlq = resource("aws:sqs/queue:Queue", "customers-events-dlq");
    expect(JSON.parse(String(queue.inputs.redrivePolicy))).toEqual({
      deadLetterTargetArn: dlq.state.arn,
      maxReceiveCount: 5,
    });
  });

  it("encrypts the crawler's logs, S3 writes and bookmarks with the bronze key", () => {
    const security = resource("aws:glue/securityConfiguration:SecurityConfiguration", "customers-security");
    expect(security.inputs.encryptionConfiguration).toMatchObject({
      cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: bucket.kmsKeyArn },
    });
    expect(resource("aws:glue/crawler:Crawler", "customers-crawler").inputs.securityConfiguration).toBe(
      security.state.name,
    );
  });

  it("hands the bucket notification its queue, prefix and object-created events", () => {
    expect(notifiedArn).toBe(queueArn);
    expect(crawler.notification).toMatchObject({
      filterPrefix: "source=customers/",
      events: ["s3:ObjectCreated:*"],
    });
  });

  it("gives the crawler a role limited to its prefix, key, database and queues", () => {
    const policy = policyOf(resource("aws:iam/rolePolicy:RolePolicy", "customers-crawler-policy"));
    const bySid: Record<string, Record<string, unknown>> = Object.fromEntries(
      policy.Statement.map((s) => [String(s.Sid), s]),
    );
    expect(bySid.BronzeSourceObjects?.Resource).toEqual(["arn:aws:s3:::lake-bronze/source=customers/*"]);
    expect(bySid.BronzeSourceList?.Condition).toEqual({
      StringLike: { "s3:prefix": ["source=customers/", "source=customers/*"] },
    });
    expect(bySid.BronzeKey?.Resource).toEqual([bucket.kmsKeyArn]);
    expect(bySid.Catalog?.Resource).toEqual([
      "arn:aws:glue:eu-west-1:123456789012:catalog",
      database.databaseArn,
      "arn:aws:glue:eu-west-1:123456789012:table/bronze/*",
    ]);
    expect((bySid.EventQueue?.Resource as string[]).length).toBe(2);
    expect(findWildcardGrants(JSON.stringify(policy))).toEqual([]);
    const trust = JSON.parse(
      String(resource("aws:iam/role:Role", "customers-crawler-role").inputs.assumeRolePolicy),
    ) as { Statement: { Principal: unknown }[] };
    expect(trust.Statement[0]?.Principal).toEqual({ Service: "glue.amazonaws.com" });
  });

  it("needs no header classifier for JSON", () => {
    expect(inputs.classifiers).toBeUndefined();
  });
});

/** A daily CSV export, as file sources may be. */
const orders = defineDataset({
  name: "orders",
  layer: "silver",
  domain: "sales",
  description: "One row per order, from the shop's daily CSV export.",
  owner: "sales@example.com",
  source: { kind: "file", format: "csv", schedule: "cron(30 2 * * ? *)" },
  primaryKey: ["order_id"],
  orderingColumn: "updated_at",
  columns: z.object({
    order_id: z.string().meta({ description: "Order id." }),
    updated_at: z.iso.datetime({ offset: true }).meta({ description: "Last change." }),
  }),
});

describe("SourceCrawler (CSV source, new-folders mode)", async () => {
  const crawler = new SourceCrawler("transactions", {
    contract: orders,
    database,
    bucket,
    mode: "new-folders",
    schedule: "cron(0 1 * * ? *)",
  });
  await resolve(crawler.crawlerArn);
  await settled();
  const inputs = resource("aws:glue/crawler:Crawler", "transactions-crawler").inputs;

  it("crawls new folders only, with the LOG/LOG policy the API requires, and no queue", () => {
    expect(inputs.recrawlPolicy).toEqual({ recrawlBehavior: "CRAWL_NEW_FOLDERS_ONLY" });
    expect(inputs.schemaChangePolicy).toEqual({ updateBehavior: "LOG", deleteBehavior: "LOG" });
    expect(resourcesOf("aws:sqs/queue:Queue", "transactions")).toEqual([]);
    expect(crawler.notification).toBeUndefined();
    expect(inputs.schedule).toBe("cron(0 1 * * ? *)");
  });

  it("reads the header row with a CSV classifier", () => {
    const classifier = resource("aws:glue/classifier:Classifier", "transactions-csv");
    expect(classifier.inputs.csvClassifier).toMatchObject({ containsHeader: "PRESENT", delimiter: "," });
    expect(inputs.classifiers).toEqual([classifier.state.name]);
    expect(classifier.state.name).toMatch(/^transactions-csv/);
  });
});

describe("SourceCrawler (cdc source in the dms layout)", async () => {
  const crawler = new SourceCrawler("dms-transactions", {
    contract: registry.get("transactions"),
    database,
    bucket,
  });
  const [target] = await Promise.all([resolve(crawler.targetPath), resolve(crawler.crawlerArn)]);
  await settled();
  const inputs = resource("aws:glue/crawler:Crawler", "dms-transactions-crawler").inputs;

  it("crawls DMS's table folder, four levels down, so its date folders are the table's partitions", () => {
    expect(target).toBe("s3://lake-bronze/source=transactions/sales/transactions/");
    expect(JSON.parse(String(inputs.configuration))).toMatchObject({
      Grouping: { TableLevelConfiguration: 4 },
    });
    expect(crawler.notification?.filterPrefix).toBe("source=transactions/sales/transactions/");
    expect(inputs.classifiers).toBeUndefined();
  });

  it("reads only that folder", () => {
    const role = resourcesOf("aws:iam/rolePolicy:RolePolicy", "dms-transactions-crawler")[0];
    const objects = policyOf(role!).Statement.find((s) => s.Sid === "BronzeSourceObjects");
    expect(objects?.Resource).toEqual([`${bucket.bucketArn}/source=transactions/sales/transactions/*`]);
  });
});

describe("SourceCrawler validation", () => {
  it.each([
    [
      "a contract without a source",
      { contract: registry.get("customer_360") },
      /dataset customer_360 has no source/,
    ],
    ["a silver database", { database: { ...database, layer: "silver" as const } }, /only bronze is crawled/],
  ])("rejects %s", (_label, change, message) => {
    expect(
      () => new SourceCrawler("bad", { contract: registry.get("customers"), database, bucket, ...change }),
    ).toThrow(message);
  });
});
