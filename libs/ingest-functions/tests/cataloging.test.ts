// The cataloging handler in-process against moto: real S3 objects, tags and event messages, real Glue crawlers
// whose runs moto's state manager finishes (or keeps running).
import { Logger } from "@aws-lambda-powertools/logger";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import type { SQSBatchResponse } from "aws-lambda";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createCatalogingHandler, startCrawler } from "../src/cataloging/catalog.js";
import { setCrawlTransition, unique } from "./aws.js";
import {
  bronzeBucket,
  crawlCount,
  crawlerFor,
  objectMessages,
  putObject,
  receivedBatch,
  sqsRecord,
  tagsOf,
  type Bronze,
} from "./bronze.js";

const DAY = "year=2026/month=01/day=31";

interface World {
  readonly bronze: Bronze;
  readonly crawlers: Record<string, string>;
  readonly logger: Logger;
  readonly handle: (
    event: Parameters<ReturnType<typeof createCatalogingHandler>>[0],
  ) => Promise<SQSBatchResponse>;
}

/** A bronze bucket with a crawler for customers and one for orders, unless `ordersCrawler` names another. */
async function world(ordersCrawler?: string): Promise<World> {
  const bronze = await bronzeBucket();
  const names = {
    customers: await crawlerFor(bronze, "customers"),
    orders: ordersCrawler ?? (await crawlerFor(bronze, "orders")),
  };
  const logger = new Logger({ serviceName: "test", logLevel: "SILENT" });
  const handler = createCatalogingHandler({
    s3: bronze.aws.s3,
    glue: bronze.aws.glue,
    logger,
    bucket: bronze.bucket,
    crawlers: names,
  });
  return { bronze, crawlers: names, logger, handle: handler };
}

const failedIds = (response: SQSBatchResponse) =>
  response.batchItemFailures.map((f) => f.itemIdentifier).sort();

beforeEach(async () => {
  await setCrawlTransition({ progression: "immediate" });
});

describe("cataloging function against moto", () => {
  it("decodes S3's key encoding (=, / and unicode escaped, + for a space) and tags the object it names", async () => {
    const w = await world();
    const key = `source=customers/${DAY}/export 2026 ünïcödé+plus.json`;
    await putObject(w.bronze, key, { owner: "crm" });
    const event = await receivedBatch(w.bronze, 2);
    const [message] = objectMessages(event);
    // What S3 (here moto, with Python's quote_plus) really sends: the key form-encoded.
    expect(message?.body).toContain("source%3Dcustomers%2Fyear%3D2026");
    expect(message?.body).toContain("export+2026+%C3%BCn%C3%AFc%C3%B6d%C3%A9%2Bplus.json");

    const response = await w.handle(event);

    expect(response.batchItemFailures).toEqual([]);
    expect(await tagsOf(w.bronze, key)).toEqual({
      owner: "crm",
      "lake:source": "customers",
      "lake:ingest-date": "2026-01-31",
    });
    expect(await crawlCount(w.bronze, w.crawlers["customers"]!)).toBe(1);
  });

  it("starts each source's crawler once per batch, however many objects the batch reports", async () => {
    const w = await world();
    for (const n of [1, 2, 3]) await putObject(w.bronze, `source=customers/${DAY}/part-${n}.json`);
    await putObject(w.bronze, `source=orders/${DAY}/orders.json`);
    const event = await receivedBatch(w.bronze, 5);
    expect(objectMessages(event)).toHaveLength(4);

    expect((await w.handle(event)).batchItemFailures).toEqual([]);

    expect(await crawlCount(w.bronze, w.crawlers["customers"]!)).toBe(1);
    expect(await crawlCount(w.bronze, w.crawlers["orders"]!)).toBe(1);
    // The next batch starts the finished crawler again.
    await putObject(w.bronze, `source=customers/year=2026/month=02/day=01/part-1.json`);
    await w.handle(await receivedBatch(w.bronze, 1));
    expect(await crawlCount(w.bronze, w.crawlers["customers"]!)).toBe(2);
  });

  it("logs and skips keys outside the layout, without failing their messages or starting a crawler", async () => {
    const w = await world();
    const warn = vi.spyOn(w.logger, "warn");
    const outside = [
      "exports/customers.json",
      "source=customers/2026/01/31/part-1.json",
      "source=customers/year=2026/month=02/day=30/part-1.json",
      "source=Customers/year=2026/month=01/day=31/part-1.json",
      "source=customers/year=2026/month=01/day=31/",
      `source=unknown_source/${DAY}/part-1.json`,
    ];
    for (const key of outside) await putObject(w.bronze, key);
    const event = await receivedBatch(w.bronze, outside.length + 1);

    expect((await w.handle(event)).batchItemFailures).toEqual([]);

    const reasons = warn.mock.calls.map(([, extra]) => extra as { key: string; reason: string });
    expect(reasons.map((r) => [r.key, r.reason])).toEqual(
      expect.arrayContaining([
        ["exports/customers.json", "outside the bronze layout: not under a source=<name>/ folder"],
        [
          "source=customers/2026/01/31/part-1.json",
          "outside the bronze layout: no year=YYYY/month=MM/day=DD/ folders below the source folder",
        ],
        [
          "source=customers/year=2026/month=02/day=30/part-1.json",
          "outside the bronze layout: 2026-02-30 is not a calendar date",
        ],
        [
          "source=Customers/year=2026/month=01/day=31/part-1.json",
          'outside the bronze layout: source "Customers" is not a dataset name (lowercase snake_case)',
        ],
        [
          "source=customers/year=2026/month=01/day=31/",
          "outside the bronze layout: a folder marker, not a file",
        ],
        [
          `source=unknown_source/${DAY}/part-1.json`,
          "source unknown_source is not cataloged by this function",
        ],
      ]),
    );
    for (const key of outside) expect(await tagsOf(w.bronze, key)).toEqual({});
    expect(await crawlCount(w.bronze, w.crawlers["customers"]!)).toBe(0);
  });

  it("keeps every tag of an object that already has 10, and says which lake tags did not fit", async () => {
    const w = await world();
    const warn = vi.spyOn(w.logger, "warn");
    const full = `source=customers/${DAY}/full.json`;
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`team-${i}`, `value ${i}`]));
    const nine = `source=customers/${DAY}/nine.json`;
    const nineTags = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`team-${i}`, `v${i}`]));
    const stale = `source=customers/${DAY}/stale.json`;
    await putObject(w.bronze, full, ten);
    await putObject(w.bronze, nine, nineTags);
    await putObject(w.bronze, stale, { "lake:source": "orders" });

    expect((await w.handle(await receivedBatch(w.bronze, 4))).batchItemFailures).toEqual([]);

    expect(await tagsOf(w.bronze, full)).toEqual(ten);
    expect(await tagsOf(w.bronze, nine)).toEqual({ ...nineTags, "lake:source": "customers" });
    expect(await tagsOf(w.bronze, stale)).toEqual({
      "lake:source": "customers",
      "lake:ingest-date": "2026-01-31",
    });
    const notWritten = warn.mock.calls
      .filter(([message]) => message === "lake tag not written")
      .map(([, extra]) => {
        const e = extra as { key: string; tag: string; reason: string };
        return [e.key, e.tag, e.reason];
      });
    expect(notWritten).toEqual([
      [full, "lake:source", "the object already has 10 tags, S3's limit"],
      [full, "lake:ingest-date", "the object already has 10 tags, S3's limit"],
      [nine, "lake:ingest-date", "the object already has 10 tags, S3's limit"],
    ]);
    // The objects are still cataloged: their source's crawler runs.
    expect(await crawlCount(w.bronze, w.crawlers["customers"]!)).toBe(1);
  });

  it("tags the version the event names, not a later one", async () => {
    const w = await world();
    const key = `source=customers/${DAY}/versioned.json`;
    const first = await putObject(w.bronze, key);
    const second = await putObject(w.bronze, key, { owner: "second" });
    expect(first).toBeDefined();
    const body = JSON.stringify({
      Records: [
        {
          eventSource: "aws:s3",
          eventName: "ObjectCreated:Put",
          s3: {
            bucket: { name: w.bronze.bucket },
            object: { key: encodeURIComponent(key).replace(/%20/g, "+"), versionId: first },
          },
        },
      ],
    });

    expect((await w.handle({ Records: [sqsRecord("v1", body)] })).batchItemFailures).toEqual([]);

    expect(await tagsOf(w.bronze, key, first)).toEqual({
      "lake:source": "customers",
      "lake:ingest-date": "2026-01-31",
    });
    expect(await tagsOf(w.bronze, key, second)).toEqual({ owner: "second" });
  });

  it("counts a crawler that is already running as started", async () => {
    const w = await world();
    await setCrawlTransition({ progression: "manual", times: 1000 });
    const crawler = w.crawlers["customers"]!;
    expect(await startCrawler(w.bronze.aws.glue, crawler)).toBe("started");
    expect(await startCrawler(w.bronze.aws.glue, crawler)).toBe("running");
    await putObject(w.bronze, `source=customers/${DAY}/late.json`);

    expect((await w.handle(await receivedBatch(w.bronze, 2))).batchItemFailures).toEqual([]);

    expect(await crawlCount(w.bronze, crawler)).toBe(1);
  });

  it("fails only the messages of a source whose crawler does not exist", async () => {
    const w = await world(unique("no-such-crawler"));
    const error = vi.spyOn(w.logger, "error");
    await putObject(w.bronze, `source=customers/${DAY}/a.json`);
    await putObject(w.bronze, `source=orders/${DAY}/b.json`);
    await putObject(w.bronze, `source=orders/${DAY}/c.json`);
    const event = await receivedBatch(w.bronze, 4);
    const ordersIds = objectMessages(event)
      .filter((r) => r.body.includes("source%3Dorders"))
      .map((r) => r.messageId)
      .sort();
    expect(ordersIds).toHaveLength(2);

    const response = await w.handle(event);

    expect(failedIds(response)).toEqual(ordersIds);
    const notStarted = error.mock.calls.filter(([message]) => message === "crawler not started");
    expect(notStarted.map(([, extra]) => (extra as { source: string; error: string }).source)).toEqual([
      "orders",
    ]);
    expect((notStarted[0]?.[1] as { error: string }).error).toMatch(/^EntityNotFoundException/);
    expect(await crawlCount(w.bronze, w.crawlers["customers"]!)).toBe(1);
    // The objects were tagged before the crawl failed: a retry finds the tags in place and writes nothing.
    expect(await tagsOf(w.bronze, `source=orders/${DAY}/b.json`)).toEqual({
      "lake:source": "orders",
      "lake:ingest-date": "2026-01-31",
    });
  });

  it("fails only the record it cannot read, and passes over deleted objects and S3's test event", async () => {
    const w = await world();
    const deleted = `source=customers/${DAY}/deleted.json`;
    await putObject(w.bronze, `source=customers/${DAY}/kept.json`);
    await putObject(w.bronze, deleted);
    await w.bronze.aws.s3.send(new DeleteObjectCommand({ Bucket: w.bronze.bucket, Key: deleted }));
    const event = await receivedBatch(w.bronze, 3);
    expect(event.Records.some((r) => r.body.includes("s3:TestEvent"))).toBe(true);
    event.Records.push(sqsRecord("not-json", "this is not an S3 event"));
    event.Records.push(sqsRecord("no-records", '{"Message": "hello"}'));

    const response = await w.handle(event);

    expect(failedIds(response)).toEqual(["no-records", "not-json"]);
    expect(await tagsOf(w.bronze, `source=customers/${DAY}/kept.json`)).toEqual({
      "lake:source": "customers",
      "lake:ingest-date": "2026-01-31",
    });
    expect(await crawlCount(w.bronze, w.crawlers["customers"]!)).toBe(1);
  });
});
