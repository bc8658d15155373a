import { z } from "zod";
import { defineDataset } from "../define.js";
import { ingestionTimestamp, referencesCustomers } from "./shared.js";

export const webEvents = defineDataset({
  name: "web_events",
  layer: "silver",
  domain: "digital",
  description:
    "One row per website event and ingest day, from the clickstream: a Kinesis data stream delivered by Firehose " +
    "as GZIP-compressed JSON lines, deduplicated on event_id (the latest ingestion_timestamp wins).",
  owner: "digital-data@example.com",
  source: { kind: "stream", format: "json", schedule: "cron(10 * * * ? *)" },
  primaryKey: ["event_id"],
  orderingColumn: "ingestion_timestamp",
  partitionKeys: ["lake_ingest_date"],
  columns: z.object({
    event_id: z.string().meta({ description: "Unique id the tracker gave the event." }),
    customer_id: z
      .string()
      .nullable()
      .meta({ description: "The signed-in customer; null for anonymous visits. Refers to customers." }),
    session_id: z.string().meta({ description: "Browser session the event belongs to." }),
    event_timestamp: z.iso.datetime({ offset: true }).meta({ description: "When the event happened (UTC)." }),
    event_type: z
      .enum(["page_view", "click", "add_to_cart", "purchase", "search"])
      .meta({ description: "What the visitor did." }),
    page_url: z.string().nullable().meta({ description: "URL of the page, without query string secrets." }),
    page_category: z.string().nullable().meta({ description: "Site section the page belongs to." }),
    time_spent_seconds: z
      .int32()
      .nullable()
      .meta({ description: "Seconds spent on the page before the event." }),
    device: z
      .enum(["desktop", "mobile", "tablet"])
      .nullable()
      .meta({ description: "Device class of the visitor." }),
    properties: z
      .record(z.string(), z.string())
      .nullable()
      .meta({ description: "Free-form event attributes sent by the tracker." }),
    ingestion_timestamp: ingestionTimestamp("the clickstream"),
  }),
  rules: [
    { kind: "range", column: "time_spent_seconds", min: 0, severity: "blocking" },
    referencesCustomers,
    { kind: "unique", columns: ["event_id", "lake_ingest_date"], severity: "blocking" },
  ],
});
