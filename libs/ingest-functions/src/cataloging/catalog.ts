// The cataloging function: for every object a batch of bronze events reports, record its source and day as
// object tags, then start each touched source's crawler once for the whole batch. Messages that fail (an
// unreadable body, an S3 error, a crawler that cannot be started) are reported as partial batch failures, so
// SQS redelivers only those and, after the queue's maxReceiveCount, moves them to the dead-letter queue.
import { BatchProcessor, EventType } from "@aws-lambda-powertools/batch";
import type { Logger } from "@aws-lambda-powertools/logger";
import { GetObjectTaggingCommand, PutObjectTaggingCommand, type S3Client } from "@aws-sdk/client-s3";
import { StartCrawlerCommand, type GlueClient } from "@aws-sdk/client-glue";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { parseHiveKey } from "../layout.js";
import { objectsOfMessage, type CreatedObject } from "./s3-event.js";
import { lakeTags, mergeTags } from "./tags.js";

export interface CatalogingDependencies {
  readonly s3: S3Client;
  readonly glue: GlueClient;
  readonly logger: Logger;
  /** The bronze bucket; events of any other bucket are skipped. */
  readonly bucket: string;
  /** The crawler of each source the function catalogs, by source name. */
  readonly crawlers: Readonly<Record<string, string>>;
}

/** How starting a crawler went: started, already running (its run will see the objects too), or failed. */
export type CrawlStart = "started" | "running" | { readonly error: string };

/**
 * Starts the crawler. A crawler that is already running counts as success: StartCrawler refuses with
 * CrawlerRunningException (Glue API), and the running crawl, or the next, covers the new objects.
 */
export async function startCrawler(glue: GlueClient, name: string): Promise<CrawlStart> {
  try {
    await glue.send(new StartCrawlerCommand({ Name: name }));
    return "started";
  } catch (error) {
    const e = error as Error;
    if (e.name === "CrawlerRunningException") return "running";
    return { error: `${e.name}: ${e.message}` };
  }
}

// GetObjectTagging answers 404 NoSuchKey for a deleted key and NoSuchVersion for a version that no longer exists.
const MISSING_OBJECT = ["NoSuchKey", "NoSuchVersion"];

/** The handler of SQS batches of bronze events. */
export function createCatalogingHandler(deps: CatalogingDependencies) {
  const { logger } = deps;

  /** Tags one object; false when it is gone (deleted or overwritten before its event was processed). */
  async function tagObject(object: CreatedObject, source: string, date: string): Promise<boolean> {
    const target = { Bucket: object.bucket, Key: object.key, VersionId: object.versionId };
    let existing;
    try {
      existing = await deps.s3.send(new GetObjectTaggingCommand(target));
    } catch (error) {
      if (MISSING_OBJECT.includes((error as Error).name)) {
        logger.warn("object is gone; nothing to catalog", { key: object.key, versionId: object.versionId });
        return false;
      }
      throw error;
    }
    const current = (existing.TagSet ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" }));
    const merge = mergeTags(current, lakeTags({ source, date, file: "" }));
    for (const { tag, reason } of merge.dropped) {
      logger.warn("lake tag not written", { key: object.key, tag: tag.Key, reason });
    }
    if (merge.changed) {
      await deps.s3.send(new PutObjectTaggingCommand({ ...target, Tagging: { TagSet: [...merge.tags] } }));
    }
    logger.info("cataloged", { key: object.key, source, date, tagsWritten: merge.changed });
    return true;
  }

  /** The sources of the objects the message reports that were cataloged (each object tagged). */
  async function catalogMessage(record: SQSRecord): Promise<string[]> {
    const { created, ignored } = objectsOfMessage(record.body);
    for (const reason of ignored) logger.info("event passed over", { messageId: record.messageId, reason });
    const sources: string[] = [];
    for (const object of created) {
      const skip = (reason: string) =>
        logger.warn("object skipped", {
          bucket: object.bucket,
          key: object.key,
          rawKey: object.rawKey,
          reason,
        });
      if (object.bucket !== deps.bucket) {
        skip(`bucket ${object.bucket} is not the bronze bucket ${deps.bucket}`);
        continue;
      }
      const parsed = parseHiveKey(object.key);
      if (!parsed.ok) {
        skip(`outside the bronze layout: ${parsed.reason}`);
        continue;
      }
      if (deps.crawlers[parsed.key.source] === undefined) {
        skip(`source ${parsed.key.source} is not cataloged by this function`);
        continue;
      }
      if (await tagObject(object, parsed.key.source, parsed.key.date)) sources.push(parsed.key.source);
    }
    return sources;
  }

  return async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
    const processor = new BatchProcessor(EventType.SQS, { logger });
    processor.register(event.Records, catalogMessage, { throwOnFullBatchFailure: false });
    const outcomes = await processor.process();
    const failed = new Set(processor.response().batchItemFailures.map((f) => f.itemIdentifier));
    for (const [status, detail, record] of outcomes) {
      if (status === "fail") {
        logger.error("message failed", { messageId: (record as SQSRecord).messageId, error: String(detail) });
      }
    }

    // One StartCrawler per source for the whole batch, however many objects it reported.
    const sourcesOf = new Map<string, string[]>();
    for (const [status, detail, record] of outcomes) {
      if (status !== "success") continue;
      for (const source of new Set(detail as string[])) {
        sourcesOf.set(source, [...(sourcesOf.get(source) ?? []), (record as SQSRecord).messageId]);
      }
    }
    for (const [source, messageIds] of sourcesOf) {
      const crawler = deps.crawlers[source] as string;
      const start = await startCrawler(deps.glue, crawler);
      if (typeof start === "object") {
        logger.error("crawler not started", { source, crawler, error: start.error, messageIds });
        for (const id of messageIds) failed.add(id);
      } else {
        logger.info(start === "started" ? "crawler started" : "crawler already running", { source, crawler });
      }
    }
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
