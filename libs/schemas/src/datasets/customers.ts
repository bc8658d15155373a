import { z } from "zod";
import { defineDataset } from "../define.js";
import { ingestionTimestamp } from "./shared.js";

export const customers = defineDataset({
  name: "customers",
  layer: "silver",
  domain: "crm",
  description:
    "One row per customer and ingest day, from the CRM's daily JSON export: validated, standardized and " +
    "deduplicated on customer_id (the latest ingestion_timestamp wins).",
  owner: "crm-data@example.com",
  source: { kind: "file", format: "json", schedule: "cron(0 2 * * ? *)" },
  primaryKey: ["customer_id"],
  orderingColumn: "ingestion_timestamp",
  partitionKeys: ["lake_ingest_date"],
  columns: z.object({
    customer_id: z.string().meta({ description: "CRM identifier of the customer; stable across exports." }),
    email: z.email().meta({
      description: "Primary email address, trimmed and lowercased.",
      classification: "pii",
      standardize: "email",
      mask: "email",
    }),
    first_name: z
      .string()
      .nullable()
      .meta({ description: "Given name as entered in the CRM.", classification: "pii" }),
    last_name: z
      .string()
      .nullable()
      .meta({ description: "Family name as entered in the CRM.", classification: "pii" }),
    phone: z.string().nullable().meta({
      description: "Phone number reduced to its digits (leading + kept for international numbers).",
      classification: "pii",
      standardize: "phone",
      mask: "phone",
    }),
    // Street and postal code identify a person; city, state and country do not, and gold keeps the country
    // (a dimension every analysis and the regional row filter use) in every environment.
    address: z
      .object({
        street: z
          .string()
          .nullable()
          .meta({ description: "Street and house number.", classification: "pii", mask: "redact" }),
        city: z.string().nullable().meta({ description: "City or locality." }),
        state: z.string().nullable().meta({ description: "State, province or region." }),
        zip: z
          .string()
          .nullable()
          .meta({ description: "Postal code, kept as text (leading zeros matter).", classification: "pii" }),
        country: z.string().nullable().meta({
          description: "Country as an ISO 3166-1 alpha-2 code, uppercased (US, GB).",
          standardize: "upper",
        }),
      })
      .nullable()
      .meta({ description: "Postal address of the customer; street and zip are pii." }),
    created_date: z.iso
      .datetime({ offset: true })
      .nullable()
      .meta({ description: "When the customer record was created in the CRM (UTC)." }),
    last_updated: z.iso
      .datetime({ offset: true })
      .nullable()
      .meta({ description: "When the customer record was last changed in the CRM (UTC)." }),
    status: z
      .enum(["active", "inactive", "suspended"])
      .nullable()
      .meta({ description: "Account status in the CRM." }),
    ingestion_timestamp: ingestionTimestamp("the CRM export"),
  }),
  rules: [
    { kind: "regex", column: "email", pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", severity: "blocking" },
    { kind: "unique", columns: ["customer_id", "lake_ingest_date"], severity: "blocking" },
    // CRM migrations backfill creation dates, so a record changed before it was created is counted, not refused.
    { kind: "compare", column: "last_updated", operator: ">=", other: "created_date", severity: "warning" },
  ],
});
