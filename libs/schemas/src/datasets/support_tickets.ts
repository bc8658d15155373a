import { z } from "zod";
import { defineDataset } from "../define.js";
import { ingestionTimestamp, referencesCustomers } from "./shared.js";

export const supportTickets = defineDataset({
  name: "support_tickets",
  layer: "silver",
  domain: "support",
  description:
    "One row per support ticket and ingest day, pulled hourly from the helpdesk API as JSON, deduplicated on " +
    "ticket_id (the latest ingestion_timestamp wins).",
  owner: "support-data@example.com",
  source: { kind: "api", format: "json", schedule: "cron(5 * * * ? *)" },
  primaryKey: ["ticket_id"],
  orderingColumn: "ingestion_timestamp",
  partitionKeys: ["lake_ingest_date"],
  columns: z.object({
    ticket_id: z.string().meta({ description: "Helpdesk identifier of the ticket." }),
    customer_id: z.string().meta({ description: "The customer who opened the ticket; refers to customers." }),
    created_date: z.iso.datetime({ offset: true }).meta({ description: "When the ticket was opened (UTC)." }),
    resolved_date: z.iso
      .datetime({ offset: true })
      .nullable()
      .meta({ description: "When the ticket was resolved (UTC); null while it is open or pending." }),
    status: z
      .enum(["open", "pending", "resolved", "closed"])
      .meta({ description: "Workflow state of the ticket; open and pending tickets are not resolved yet." }),
    priority: z
      .enum(["low", "medium", "high", "urgent"])
      .nullable()
      .meta({ description: "Priority assigned by the support agent." }),
    subject: z
      .string()
      .nullable()
      .meta({ description: "Subject line as written by the customer.", classification: "confidential" }),
    resolution_time_hours: z
      .number()
      .nullable()
      .meta({ description: "Hours from created_date to resolved_date; null while open or pending." }),
    satisfaction_score: z
      .int32()
      .nullable()
      .meta({ description: "Customer satisfaction survey score, 0 to 100; null when not answered." }),
    ingestion_timestamp: ingestionTimestamp("the helpdesk API"),
  }),
  rules: [
    referencesCustomers,
    { kind: "range", column: "resolution_time_hours", min: 0, severity: "blocking" },
    { kind: "range", column: "satisfaction_score", min: 0, max: 100, severity: "blocking" },
    { kind: "unique", columns: ["ticket_id", "lake_ingest_date"], severity: "blocking" },
    // How the columns of a ticket relate: a ticket is resolved after it is opened, has a resolution date exactly
    // when it is resolved or closed, and its resolution time is the time between the two.
    { kind: "compare", column: "resolved_date", operator: ">=", other: "created_date", severity: "blocking" },
    {
      kind: "null_when",
      column: "resolved_date",
      when: "status",
      values: ["open", "pending"],
      severity: "blocking",
    },
    {
      kind: "null_when",
      column: "resolution_time_hours",
      when: "status",
      values: ["open", "pending"],
      severity: "warning",
    },
    {
      kind: "duration",
      column: "resolution_time_hours",
      from: "created_date",
      to: "resolved_date",
      unit: "hours",
      severity: "warning",
    },
  ],
});
