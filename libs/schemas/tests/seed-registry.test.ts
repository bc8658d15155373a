import { describe, expect, it } from "vitest";
import { contractJson, glueColumns, registry, sparkSchema } from "../src/index.js";

describe("seed registry", () => {
  it("holds the seed datasets and system tables, sorted by name", () => {
    expect(registry.all().map((c) => c.name)).toEqual([
      "customer_360",
      "customers",
      "quality_results",
      "quarantine",
      "support_tickets",
      "transactions",
      "web_events",
    ]);
  });

  it("splits by layer and source", () => {
    expect(registry.byLayer("gold").map((c) => c.name)).toEqual(["customer_360"]);
    expect(registry.withSource().map((c) => c.name)).toEqual([
      "customers",
      "support_tickets",
      "transactions",
      "web_events",
    ]);
  });

  it("maps customers to Glue columns with the partition key split out", () => {
    const glue = glueColumns(registry.get("customers"));
    expect(glue.partitionKeys.map((k) => [k.name, k.type])).toEqual([["lake_ingest_date", "date"]]);
    expect(glue.columns.find((c) => c.name === "address")?.type).toBe(
      "struct<street:string,city:string,state:string,zip:string,country:string>",
    );
  });

  it("gives the table schema business then audit columns", () => {
    const names = sparkSchema(registry.get("transactions"), "table").fields.map((f) => f.name);
    expect(names.slice(-5)).toEqual([
      "lake_ingest_date",
      "lake_processed_at",
      "lake_run_id",
      "lake_source_file",
      "lake_record_hash",
    ]);
    expect(contractJson(registry.get("transactions")).columns.find((c) => c.name === "amount")?.type).toBe(
      "decimal(12,2)",
    );
  });
});
