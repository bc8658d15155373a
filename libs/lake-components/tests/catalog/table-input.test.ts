import { glueColumns, registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import {
  deltaTableInput,
  icebergTableInput,
  parquetTableInput,
  partitionProjection,
  PARQUET_SERDE,
} from "../../src/catalog/table-input.js";

const options = { startDate: "2020-01-01", values: {} };
const LOC = "s3://silver-bucket/customers/";

describe("partitionProjection", () => {
  it("projects a silver source table's ingest date by day", () => {
    expect(partitionProjection(registry.get("customers"), LOC, options)).toEqual({
      parameters: {
        "projection.enabled": "true",
        "projection.lake_ingest_date.type": "date",
        "projection.lake_ingest_date.format": "yyyy-MM-dd",
        "projection.lake_ingest_date.range": "2020-01-01,NOW",
        "projection.lake_ingest_date.interval": "1",
        "projection.lake_ingest_date.interval.unit": "DAYS",
        "storage.location.template": "s3://silver-bucket/customers/lake_ingest_date=${lake_ingest_date}/",
      },
    });
  });

  it("needs values for a string key that is no enum (quarantine's dataset)", () => {
    const q = registry.get("quarantine");
    expect(partitionProjection(q, "s3://b/quarantine/", options).off).toMatch(
      /partition key "dataset" \(string\) is neither/,
    );
    const on = partitionProjection(q, "s3://b/quarantine", {
      ...options,
      values: { dataset: ["customers", "transactions"] },
    });
    expect(on.parameters).toMatchObject({
      "projection.dataset.type": "enum",
      "projection.dataset.values": "customers,transactions",
      "projection.ingest_date.type": "date",
      "storage.location.template": "s3://b/quarantine/dataset=${dataset}/ingest_date=${ingest_date}/",
    });
  });

  it("uses an enum column's values", () => {
    const c = { ...registry.get("customer_360"), format: "parquet" as const };
    expect(partitionProjection(c, LOC, options).parameters["projection.customer_segment.values"]).toBe(
      "VIP,High Value,Medium Value,Low Value",
    );
  });

  it.each([["customer_360", /format iceberg keeps its own partition metadata/]])(
    "is off for %s",
    (name, reason) => {
      expect(partitionProjection(registry.get(name), LOC, options).off).toMatch(reason);
    },
  );
});

describe("parquetTableInput", () => {
  const c = registry.get("customers");
  const def = parquetTableInput(c, LOC, partitionProjection(c, LOC, options));

  it("is an external Parquet table with Hive's Parquet SerDe and formats", () => {
    expect(def.tableType).toBe("EXTERNAL_TABLE");
    expect(def.parameters).toMatchObject({
      EXTERNAL: "TRUE",
      classification: "parquet",
      "projection.enabled": "true",
    });
    expect(def.storageDescriptor).toMatchObject({
      location: LOC,
      inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
      serDeInfo: { serializationLibrary: PARQUET_SERDE, parameters: { "serialization.format": "1" } },
    });
  });

  it("has exactly the contract's Glue columns and partition keys", () => {
    expect(def.storageDescriptor.columns).toEqual(glueColumns(c).columns);
    expect(def.partitionKeys).toEqual(glueColumns(c).partitionKeys);
    expect(def.partitionKeys.map((k) => k.name)).toEqual(["lake_ingest_date"]);
  });
});

describe("icebergTableInput", () => {
  const c = registry.get("customer_360");
  const input = icebergTableInput(c, "s3://gold/customer_360/").openTableFormatInput.icebergInput;

  it("creates the metadata (CREATE, format version 2) at the location", () => {
    expect(input.metadataOperation).toBe("CREATE");
    expect(input.version).toBe("2");
    expect(input.icebergTableInput.location).toBe("s3://gold/customer_360/");
  });

  it("carries every contract column, types as JSON documents", () => {
    const fields = input.icebergTableInput.schema.fields;
    expect(fields.map((f) => f.name)).toEqual(glueColumns(c).columns.map((col) => col.name));
    expect(fields.find((f) => f.name === "customer_id")?.type).toBe('"string"');
    expect(JSON.parse(fields.find((f) => f.name === "categories_list")?.type ?? "null")).toMatchObject({
      type: "list",
      element: "string",
    });
    expect(input.icebergTableInput.partitionSpec.fields.map((f) => f.name)).toEqual([
      "snapshot_date",
      "customer_segment",
    ]);
  });

  it("adds properties only when given", () => {
    expect("properties" in input.icebergTableInput).toBe(false);
    const withProps = icebergTableInput(c, "s3://g/", { "write.parquet.compression-codec": "zstd" });
    expect(withProps.openTableFormatInput.icebergInput.icebergTableInput).toMatchObject({
      properties: { "write.parquet.compression-codec": "zstd" },
    });
  });
});

describe("deltaTableInput", () => {
  it("is a native Delta table for Athena with every contract column and no Hive partitions", () => {
    const c = { ...registry.get("customer_360"), format: "delta" as const };
    const def = deltaTableInput(c, "s3://gold/customer_360/");
    expect(def.parameters).toMatchObject({ table_type: "DELTA", "spark.sql.sources.provider": "delta" });
    expect(def.storageDescriptor.columns).toEqual(glueColumns(c).columns);
    expect(glueColumns(c).partitionKeys).toEqual([]);
    expect(def.storageDescriptor.location).toBe("s3://gold/customer_360/");
  });
});
