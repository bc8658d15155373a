import { glueColumns, registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { DatasetTable } from "../../src/catalog/dataset-table.js";
import { LayerDatabase } from "../../src/catalog/layer-database.js";
import { resource, settled, resolve } from "../helpers.js";

const TABLE = "aws:glue/catalogTable:CatalogTable";

describe("LayerDatabase", async () => {
  const silver = new LayerDatabase("silver-db", { layer: "silver", bucketName: "lake-silver" });
  const [name, arn, catalogArn, location, tableLocation] = await Promise.all([
    resolve(silver.databaseName),
    resolve(silver.databaseArn),
    resolve(silver.catalogArn),
    resolve(silver.locationUri),
    resolve(silver.tableLocation("customers")),
  ]);
  await settled();

  it("is named after the layer (the jobs' Iceberg namespace) and located at the bucket", () => {
    expect(name).toBe("silver");
    expect(arn).toBe("arn:aws:glue:eu-west-1:123456789012:database/silver");
    expect(catalogArn).toBe("arn:aws:glue:eu-west-1:123456789012:catalog");
    expect(location).toBe("s3://lake-silver/");
    expect(tableLocation).toBe("s3://lake-silver/customers/");
    expect(
      resource("aws:glue/catalogDatabase:CatalogDatabase", "silver-db-database").inputs.locationUri,
    ).toBe("s3://lake-silver/");
  });

  it("puts tables under a prefix when given", async () => {
    const db = new LayerDatabase("gold-db", {
      layer: "gold",
      bucketName: "b",
      prefix: "tables",
      databaseName: "acme_gold",
    });
    expect(await resolve(db.tableLocation("x"))).toBe("s3://b/tables/x/");
    expect(await resolve(db.databaseName)).toBe("acme_gold");
  });

  it.each([
    [
      { layer: "silver" as const, bucketName: "b", databaseName: "Silver-DB" },
      /databaseName "Silver-DB" must be lowercase/,
    ],
    [{ layer: "raw" as never, bucketName: "b" }, /layer must be one of bronze, silver, gold/],
  ])("rejects %j", (args, message) => {
    expect(() => new LayerDatabase("bad", args)).toThrow(message);
  });
});

describe("DatasetTable (Parquet)", async () => {
  const c = registry.get("customers");
  const t = new DatasetTable("customers", {
    contract: c,
    databaseName: "silver",
    location: "s3://lake-silver/customers/",
  });
  const [tableName, tableArn] = await Promise.all([resolve(t.tableName), resolve(t.tableArn)]);
  await settled();
  const inputs = resource(TABLE, "customers-table").inputs;

  it("is the contract's table in the database", () => {
    expect(tableName).toBe("customers");
    expect(tableArn).toBe("arn:aws:glue:eu-west-1:123456789012:table/silver/customers");
    expect(inputs).toMatchObject({
      name: "customers",
      databaseName: "silver",
      tableType: "EXTERNAL_TABLE",
      owner: c.owner,
    });
  });

  it("has columns and partition keys equal to the contract's Glue columns", () => {
    const sd = inputs.storageDescriptor as { columns: unknown; location: string };
    expect(sd.columns).toEqual(glueColumns(c).columns);
    expect(inputs.partitionKeys).toEqual(glueColumns(c).partitionKeys);
    expect(sd.location).toBe("s3://lake-silver/customers/");
  });

  it("projects the date partitions for Athena", () => {
    expect(t.projection).toEqual({ enabled: true });
    expect(inputs.parameters).toMatchObject({
      classification: "parquet",
      "projection.enabled": "true",
      "projection.lake_ingest_date.type": "date",
      "storage.location.template": "s3://lake-silver/customers/lake_ingest_date=${lake_ingest_date}/",
    });
  });
});

describe("DatasetTable (Iceberg)", async () => {
  const c = registry.get("customer_360");
  const t = new DatasetTable("c360", {
    contract: c,
    databaseName: "gold",
    location: "s3://lake-gold/customer_360/",
  });
  await resolve(t.tableArn);
  await settled();
  const inputs = resource(TABLE, "c360-table").inputs;

  it("creates the table through openTableFormatInput with the contract schema", () => {
    const iceberg = (inputs.openTableFormatInput as { icebergInput: Record<string, unknown> }).icebergInput;
    expect(iceberg.metadataOperation).toBe("CREATE");
    const tableInput = iceberg.icebergTableInput as {
      location: string;
      schema: { fields: { name: string }[] };
    };
    expect(tableInput.location).toBe("s3://lake-gold/customer_360/");
    expect(tableInput.schema.fields.map((f) => f.name)).toEqual(
      glueColumns(c).columns.map((col) => col.name),
    );
    expect(inputs.storageDescriptor).toBeUndefined();
    expect(t.projection.enabled).toBe(false);
  });
});

describe("DatasetTable (Delta)", async () => {
  const c = { ...registry.get("customer_360"), format: "delta" as const };
  const t = new DatasetTable("c360-delta", {
    contract: c,
    databaseName: "gold",
    location: "s3://lake-gold/customer_360/",
  });
  await resolve(t.tableArn);
  await settled();

  it("is a native Delta table with the contract's columns", () => {
    const inputs = resource(TABLE, "c360-delta-table").inputs;
    expect(inputs.parameters).toMatchObject({ table_type: "DELTA" });
    expect((inputs.storageDescriptor as { columns: unknown }).columns).toEqual(glueColumns(c).columns);
  });
});

describe("DatasetTable validation", () => {
  const q = registry.get("quarantine");
  it.each([
    [
      "projection demanded but impossible",
      { partitionProjection: true },
      /partitionProjection is true but partition key "dataset"/,
    ],
    [
      "values for a non-partition column",
      { partitionValues: { run_id: ["x"] } },
      /partitionValues names "run_id", which is not a partition key of quarantine/,
    ],
    [
      "a bad start date",
      { projectionStartDate: "2020/01/01" },
      /projectionStartDate "2020\/01\/01" must be YYYY-MM-DD/,
    ],
    [
      "a location that is no folder",
      { location: "s3://b/quarantine" },
      /location "s3:\/\/b\/quarantine" must be an s3:\/\/ folder URI/,
    ],
  ])("rejects %s, naming the dataset", (_label, extra, message) => {
    const args = { contract: q, databaseName: "silver", location: "s3://b/quarantine/", ...extra };
    expect(() => new DatasetTable("bad", args)).toThrow(message);
    expect(() => new DatasetTable("bad", args)).toThrow(/dataset quarantine/);
  });

  it("turns projection off, with the reason, when a key cannot be projected", () => {
    const t = new DatasetTable("quarantine", {
      contract: q,
      databaseName: "silver",
      location: "s3://b/quarantine/",
    });
    expect(t.projection.enabled).toBe(false);
    expect(t.projection.reason).toMatch(/dataset/);
    const on = new DatasetTable("quarantine-projected", {
      contract: q,
      databaseName: "silver",
      location: "s3://b/quarantine/",
      partitionValues: { dataset: registry.withSource().map((c) => c.name) },
    });
    expect(on.projection.enabled).toBe(true);
  });
});
