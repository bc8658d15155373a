import { z } from "zod";
import {
  col,
  createRegistry,
  defineDataset,
  registry,
  type DatasetContract,
  type DatasetRegistry,
} from "@lake/schemas";

const FORMATS = ["json", "csv", "parquet", "avro"] as const;

/**
 * A source dataset shaped like the seed's: a key, a foreign key, an amount, an enum, timestamps, and a rule of
 * each row-level kind, so every per-dataset resource (crawler, table, jobs, ruleset) is as heavy as a real one.
 */
export function syntheticContract(index: number): DatasetContract {
  const name = `synthetic_${String(index).padStart(4, "0")}`;
  return defineDataset({
    name,
    layer: "silver",
    domain: "bench",
    description: `Generated source dataset ${index} for the plan-scale benchmark.`,
    owner: "platform@example.com",
    source: {
      kind: "file",
      format: FORMATS[index % FORMATS.length] as (typeof FORMATS)[number],
      schedule: "cron(0 3 * * ? *)",
    },
    primaryKey: ["record_id"],
    orderingColumn: "ingestion_timestamp",
    columns: z.object({
      record_id: z.string().meta({ description: "Identifier of the record in the source system." }),
      customer_id: z.string().nullable().meta({ description: "The customer the record is about." }),
      amount: col.decimal(12, 2).nullable().meta({ description: "An amount." }),
      category: z.enum(["a", "b", "c"]).nullable().meta({ description: "A category." }),
      email: z
        .email()
        .nullable()
        .meta({ description: "Contact address.", classification: "pii", standardize: "email" }),
      created_at: z.iso.datetime({ offset: true }).meta({ description: "When the record was created." }),
      ingestion_timestamp: z.iso
        .datetime({ offset: true })
        .meta({ description: "When the source exported it." }),
    }),
    rules: [
      { kind: "range", column: "amount", min: 0, severity: "blocking" },
      {
        kind: "references",
        column: "customer_id",
        dataset: "customers",
        datasetColumn: "customer_id",
        severity: "warning",
      },
    ],
  });
}

/**
 * The seed registry plus generated source datasets, `total` contracts in all (never fewer than the seed's), so
 * gold still finds the silver tables customer_360 is built from.
 */
export function registryOfSize(total: number): DatasetRegistry {
  const seed = registry.all();
  const extra = Math.max(0, total - seed.length);
  return createRegistry([...seed, ...Array.from({ length: extra }, (_, i) => syntheticContract(i + 1))]);
}
