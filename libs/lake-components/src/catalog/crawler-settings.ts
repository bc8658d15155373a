// Settings of a bronze source crawler, as pure data (Glue API: CreateCrawler, RecrawlPolicy,
// SchemaChangePolicy, "Setting crawler configuration options"; crawler S3 event mode).
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../iam/policy-document.js";

/**
 * `event`: after a first full crawl, crawl only the folders named by the S3 events queued since the last run
 * (RecrawlBehavior CRAWL_EVENT_MODE). `new-folders`: list the target but crawl only folders added since the last
 * run (CRAWL_NEW_FOLDERS_ONLY).
 */
export type CrawlMode = "event" | "new-folders";

export interface CrawlerPolicies {
  readonly recrawlPolicy: { readonly recrawlBehavior: string };
  readonly schemaChangePolicy: { readonly updateBehavior: string; readonly deleteBehavior: string };
}

/**
 * Recrawl and schema-change policies the Glue API accepts together. CRAWL_NEW_FOLDERS_ONLY only accepts LOG
 * for both behaviors (CreateCrawler rejects anything else). In event mode the crawler updates the bronze
 * table's schema when a source adds fields, and only logs deletions: lifecycle expirations must not drop
 * partitions from the catalog.
 */
export function crawlerPolicies(mode: CrawlMode): CrawlerPolicies {
  return mode === "event"
    ? {
        recrawlPolicy: { recrawlBehavior: "CRAWL_EVENT_MODE" },
        schemaChangePolicy: { updateBehavior: "UPDATE_IN_DATABASE", deleteBehavior: "LOG" },
      }
    : {
        recrawlPolicy: { recrawlBehavior: "CRAWL_NEW_FOLDERS_ONLY" },
        schemaChangePolicy: { updateBehavior: "LOG", deleteBehavior: "LOG" },
      };
}

/**
 * The table level of a raw table's folder: the bucket is level 1, so `source=<name>/` is 2 and DMS's
 * `source=<name>/<schema>/<table>/` is 4 ("Setting crawler configuration options": TableLevelConfiguration).
 */
export function tableLevelOf(tablePrefix: string): number {
  return tablePrefix.split("/").filter((part) => part !== "").length + 1;
}

/**
 * The crawler's `Configuration` JSON: one table per source at its table folder (`tableLevel`) whose day folders
 * become partitions (year/month/day in the hive layout; in DMS's, unnamed `partition_0..2` for YYYY/MM/DD),
 * compatible files combined into that table, partitions inheriting the table schema, and a partition index for
 * partition-pruned lookups.
 */
export function crawlerConfiguration(tableLevel = 2): string {
  return JSON.stringify({
    Version: 1.0,
    Grouping: { TableGroupingPolicy: "CombineCompatibleSchemas", TableLevelConfiguration: tableLevel },
    CrawlerOutput: { Partitions: { AddOrUpdateBehavior: "InheritFromTable" } },
    CreatePartitionIndex: true,
  });
}

/** Marker and temporary files writers leave beside data files; they are not data. */
export const CRAWLER_EXCLUSIONS = ["**/_SUCCESS", "**/_temporary/**", "**/*.crc", "**/.*"];

/**
 * The queue policy: S3 event notifications of this one bucket may send messages (S3 user guide, "Granting
 * permissions to publish event notification messages to a destination"); no other principal may.
 */
/** The statement every queue policy of the lake starts with: refuse any request that is not over TLS. */
export function denyInsecureQueueAccess(queueArn: pulumi.Input<string>): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: ["sqs:*"],
    Resource: [queueArn],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export function allowBucketToSendMessages(
  queueArn: pulumi.Input<string>,
  bucketArn: pulumi.Input<string>,
  sourceAccount: pulumi.Input<string>,
): PolicyStatement {
  return {
    Sid: "AllowBucketNotifications",
    Effect: "Allow",
    Principal: { Service: "s3.amazonaws.com" },
    Action: ["sqs:SendMessage"],
    Resource: [queueArn],
    Condition: {
      ArnEquals: { "aws:SourceArn": bucketArn },
      StringEquals: { "aws:SourceAccount": sourceAccount },
    },
  };
}
