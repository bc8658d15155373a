import { z } from "zod";
import { col } from "../columns.js";
import { defineDataset } from "../define.js";
import { referencesCustomers } from "./shared.js";

export const transactions = defineDataset({
  name: "transactions",
  layer: "silver",
  domain: "sales",
  description:
    "The current state of the order database's sales.transactions table, one row per transaction: replicated by " +
    "AWS DMS (a full load, then every insert, update and delete as Parquet change records), each day's changes " +
    "applied in commit order (the latest change per transaction_id wins, a delete removes the row).",
  owner: "sales-data@example.com",
  // Each day's changes replace rows anywhere in the table: Iceberg commits the new state as one snapshot.
  format: "iceberg",
  source: {
    kind: "cdc",
    format: "parquet",
    schedule: "cron(30 2 * * ? *)",
    cdc: { schema: "sales", table: "transactions" },
  },
  primaryKey: ["transaction_id"],
  orderingColumn: "ingestion_timestamp",
  partitionKeys: ["lake_ingest_date"],
  columns: z.object({
    transaction_id: z.string().meta({ description: "Order system identifier of the transaction." }),
    customer_id: z.string().meta({ description: "The customer who paid; refers to customers.customer_id." }),
    transaction_date: z.iso.date().meta({ description: "Business date of the transaction." }),
    amount: col.decimal(12, 2).meta({ description: "Amount charged, in the transaction currency." }),
    currency: z
      .string()
      .nullable()
      .meta({ description: "ISO 4217 currency code of the amount.", standardize: "upper" }),
    product_category: z.string().nullable().meta({ description: "Category of the product sold." }),
    payment_method: z
      .enum(["card", "paypal", "bank_transfer", "gift_card"])
      .nullable()
      .meta({ description: "How the customer paid." }),
    status: z
      .enum(["completed", "refunded", "pending"])
      .nullable()
      .meta({ description: "Settlement status of the transaction." }),
    ingestion_timestamp: z.iso.datetime({ offset: true }).meta({
      description:
        "When the order database committed the change (UTC), written by DMS; the task start for full-load rows. " +
        "The latest one wins.",
    }),
  }),
  rules: [
    referencesCustomers,
    { kind: "range", column: "amount", min: 0, max: 1000000, severity: "blocking" },
    { kind: "allowed", column: "currency", values: ["USD", "EUR", "GBP"], severity: "warning" },
    { kind: "unique", columns: ["transaction_id"], severity: "blocking" },
  ],
});
