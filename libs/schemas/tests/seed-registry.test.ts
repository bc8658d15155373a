import { describe, expect, it } from "vitest";
import { contractFileNames } from "../src/contract-files.js";
import { contractJson, glueColumns, registry, sparkSchema } from "../src/index.js";

// Every list here comes from the registry or the contract files, so adding a dataset never edits this file.
describe("registry", () => {
  it("holds one contract per file of src/datasets/, sorted by name", () => {
    const names = registry.all().map((c) => c.name);
    expect(names).toEqual(contractFileNames().map((f) => f.replace(/\.ts$/, "")));
    expect(names).toEqual([...names].sort());
    expect(names.length).toBeGreaterThan(0);
  });

  it("splits by layer and source without losing or repeating a contract", () => {
    const byLayer = [...registry.byLayer("silver"), ...registry.byLayer("gold")].map((c) => c.name).sort();
    expect(byLayer).toEqual(registry.all().map((c) => c.name));
    expect(registry.withSource().every((c) => c.layer === "silver" && c.source !== null)).toBe(true);
    expect(registry.all().filter((c) => c.source !== null)).toEqual(registry.withSource());
  });

  it("suggests the nearest dataset for an unknown name", () => {
    expect(() => registry.get("custmers")).toThrow(/no dataset "custmers".*Did you mean "customers"\?/);
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
