import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  athenaDdl,
  contractJson,
  defineDataset,
  dqdlRules,
  dqdlRuleset,
  glueColumns,
  jsonSchema,
  registry,
  sparkDdl,
  sparkSchema,
} from "../src/index.js";
import { goldDefinition, silverDefinition } from "./helpers/definitions.js";

const customers = registry.get("customers");
const transactions = registry.get("transactions");
const webEvents = registry.get("web_events");
const customer360 = registry.get("customer_360");
const quarantine = registry.get("quarantine");

const SILVER_AUDIT = [
  "lake_ingest_date",
  "lake_processed_at",
  "lake_run_id",
  "lake_source_file",
  "lake_record_hash",
];

describe("glueColumns", () => {
  it("maps customers: business columns in order, audit columns after, the partition key split out", () => {
    const glue = glueColumns(customers);
    expect(glue.columns.map((c) => [c.name, c.type])).toEqual([
      ["customer_id", "string"],
      ["email", "string"],
      ["first_name", "string"],
      ["last_name", "string"],
      ["phone", "string"],
      ["address", "struct<street:string,city:string,state:string,zip:string,country:string>"],
      ["created_date", "timestamp"],
      ["last_updated", "timestamp"],
      ["status", "string"],
      ["ingestion_timestamp", "timestamp"],
      ["lake_processed_at", "timestamp"],
      ["lake_run_id", "string"],
      ["lake_source_file", "string"],
      ["lake_record_hash", "string"],
    ]);
    expect(glue.partitionKeys.map((c) => [c.name, c.type])).toEqual([["lake_ingest_date", "date"]]);
  });

  it.each([
    ["transactions", "amount", "decimal(12,2)"],
    ["transactions", "transaction_date", "date"],
    ["support_tickets", "satisfaction_score", "int"],
    ["support_tickets", "resolution_time_hours", "double"],
    ["web_events", "properties", "map<string,string>"],
    ["customer_360", "total_transactions", "bigint"],
    ["customer_360", "categories_list", "array<string>"],
    ["customer_360", "lifetime_value", "decimal(18,2)"],
    ["quarantine", "reasons", "array<string>"],
    ["quality_results", "metric", "double"],
  ])("%s.%s is %s", (dataset, column, type) => {
    const glue = glueColumns(registry.get(dataset));
    expect([...glue.columns, ...glue.partitionKeys].find((c) => c.name === column)?.type).toBe(type);
  });

  it("uses the column description as the Glue comment", () => {
    const column = glueColumns(customers).columns.find((c) => c.name === "email");
    expect(column?.comment).toBe(customers.columns.find((c) => c.name === "email")?.description);
  });

  it("gives an Iceberg table every column and leaves partitioning to the table format", () => {
    const glue = glueColumns(customer360);
    expect(glue.partitionKeys).toEqual([]);
    expect(glue.columns.map((c) => c.name)).toEqual([
      ...customer360.columns.map((c) => c.name),
      "lake_processed_at",
      "lake_run_id",
    ]);
    expect(glue.columns.map((c) => c.name)).toContain("snapshot_date");
  });

  it("keeps the contract's partition key order for Hive tables", () => {
    expect(glueColumns(quarantine).partitionKeys.map((c) => [c.name, c.type])).toEqual([
      ["dataset", "string"],
      ["ingest_date", "date"],
    ]);
    expect(glueColumns(quarantine).columns.map((c) => c.name)).not.toContain("dataset");
  });
});

describe("sparkSchema", () => {
  it("reads the source with the business columns only, as declared", () => {
    const fields = sparkSchema(transactions, "source").fields;
    expect(fields.map((f) => f.name)).toEqual(transactions.columns.map((c) => c.name));
    expect(fields.find((f) => f.name === "amount")).toEqual({
      name: "amount",
      type: "decimal(12,2)",
      nullable: false,
      metadata: { comment: "Amount charged, in the transaction currency." },
    });
    expect(fields.find((f) => f.name === "currency")?.nullable).toBe(true);
    expect(fields.find((f) => f.name === "transaction_date")?.type).toBe("date");
    expect(fields.find((f) => f.name === "ingestion_timestamp")?.type).toBe("timestamp");
  });

  it("stores business then audit columns, audit columns non-nullable", () => {
    const fields = sparkSchema(transactions, "table").fields;
    expect(fields.map((f) => f.name)).toEqual([...transactions.columns.map((c) => c.name), ...SILVER_AUDIT]);
    expect(fields.slice(-5).every((f) => !f.nullable)).toBe(true);
  });

  it("writes maps, arrays and structs as StructType.jsonValue() does", () => {
    expect(sparkSchema(webEvents, "source").fields.find((f) => f.name === "properties")?.type).toEqual({
      type: "map",
      keyType: "string",
      valueType: "string",
      valueContainsNull: true,
    });
    expect(sparkSchema(customer360, "table").fields.find((f) => f.name === "categories_list")?.type).toEqual({
      type: "array",
      elementType: "string",
      containsNull: true,
    });
    const address = sparkSchema(customers, "source").fields.find((f) => f.name === "address")!;
    expect(address.type).toMatchObject({ type: "struct" });
    expect((address.type as unknown as { fields: unknown[] }).fields[3]).toEqual({
      name: "zip",
      type: "string",
      nullable: true,
      metadata: { comment: "Postal code, kept as text (leading zeros matter)." },
    });
  });

  it.each([
    ["int32", z.int32(), "integer"],
    ["safe int", z.int(), "long"],
    ["number", z.number(), "double"],
    ["boolean", z.boolean(), "boolean"],
  ])("maps %s to %s", (_label, schema, expected) => {
    const c = defineDataset(
      goldDefinition({
        columns: z.object({
          customer_id: z.string().meta({ description: "x" }),
          day: z.iso.date().meta({ description: "x" }),
          value: schema.meta({ description: "x" }),
        }),
      }),
    );
    expect(sparkSchema(c, "source").fields[2]?.type).toBe(expected);
  });
});

const leaf = (path: string[], classification: string, mask: string | null) => ({
  path,
  type: "string",
  nullable: true,
  classification,
  standardize: null,
  mask,
});

describe("contractJson", () => {
  const json = contractJson(customers);

  it("has the keys of CONTRACT.md in its order", () => {
    expect(Object.keys(json)).toEqual([
      "contractVersion",
      "name",
      "layer",
      "domain",
      "description",
      "owner",
      "format",
      "primaryKey",
      "orderingColumn",
      "partitionKeys",
      "audit",
      "source",
      "derivedFrom",
      "columns",
      "auditColumns",
      "sourceSchema",
      "tableSchema",
      "rules",
    ]);
    expect(Object.keys(json.columns[0]!)).toEqual([
      "name",
      "type",
      "nullable",
      "description",
      "classification",
      "enum",
      "standardize",
      "mask",
      "leaves",
    ]);
  });

  it("describes customers as CONTRACT.md's seed registry says", () => {
    expect(json).toMatchObject({
      contractVersion: 2,
      layer: "silver",
      domain: "crm",
      format: "parquet",
      primaryKey: ["customer_id"],
      orderingColumn: "ingestion_timestamp",
      partitionKeys: ["lake_ingest_date"],
      audit: "silver",
      source: {
        kind: "file",
        format: "json",
        schedule: "cron(0 2 * * ? *)",
        bronzePrefix: "source=customers/",
      },
      derivedFrom: [],
    });
    const email = json.columns.find((c) => c.name === "email");
    expect(email).toMatchObject({
      nullable: false,
      classification: "pii",
      standardize: "email",
      mask: "email",
    });
    expect(json.columns.find((c) => c.name === "first_name")).toMatchObject({
      classification: "pii",
      mask: "hash",
    });
    // A struct counts as pii where services see columns only; its leaves say which fields are.
    const address = json.columns.find((c) => c.name === "address");
    expect(address).toMatchObject({ classification: "pii", mask: null, standardize: null });
    expect(address?.leaves).toEqual([
      leaf(["address", "street"], "pii", "redact"),
      leaf(["address", "city"], "public", null),
      leaf(["address", "state"], "public", null),
      leaf(["address", "zip"], "pii", "hash"),
      { ...leaf(["address", "country"], "public", null), standardize: "upper" },
    ]);
    expect(email?.leaves).toEqual([
      {
        path: ["email"],
        type: "string",
        nullable: false,
        classification: "pii",
        standardize: "email",
        mask: "email",
      },
    ]);
    expect(json.columns.find((c) => c.name === "status")?.enum).toEqual(["active", "inactive", "suspended"]);
    expect(json.columns.find((c) => c.name === "customer_id")?.mask).toBeNull();
    expect(json.auditColumns.map((c) => c.name)).toEqual(SILVER_AUDIT);
    expect(json.tableSchema.fields.map((f) => f.name)).toEqual([
      ...json.columns.map((c) => c.name),
      ...SILVER_AUDIT,
    ]);
    expect(json.rules[0]).toEqual({
      id: "customers.email.regex",
      kind: "regex",
      severity: "blocking",
      column: "email",
      pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
    });
  });

  it("writes the rules of customer_360 with derived ids and only the bounds that are set", () => {
    expect(contractJson(customer360).rules).toEqual([
      {
        id: "customer_360.customer_id.not_null",
        kind: "not_null",
        severity: "blocking",
        column: "customer_id",
      },
      {
        id: "customer_360.customer_id+snapshot_date.unique",
        kind: "unique",
        severity: "blocking",
        columns: ["customer_id", "snapshot_date"],
      },
      {
        id: "customer_360.lifetime_value.range",
        kind: "range",
        severity: "blocking",
        column: "lifetime_value",
        min: 0,
      },
      {
        id: "customer_360.churn_risk_score.range",
        kind: "range",
        severity: "warning",
        column: "churn_risk_score",
        min: 0,
        max: 100,
      },
      { id: "customer_360.customer_360.row_count", kind: "row_count", severity: "blocking", min: 1 },
    ]);
    expect(contractJson(customer360)).toMatchObject({
      audit: "gold",
      source: null,
      derivedFrom: ["customers", "transactions", "support_tickets", "web_events"],
      format: "iceberg",
      orderingColumn: null,
    });
  });

  it("is deterministic: the same contract gives byte-identical JSON", () => {
    for (const c of registry.all()) {
      expect(JSON.stringify(contractJson(c))).toBe(JSON.stringify(contractJson(c)));
    }
    const again = defineDataset(silverDefinition());
    expect(JSON.stringify(contractJson(again))).toBe(
      JSON.stringify(contractJson(defineDataset(silverDefinition()))),
    );
  });
});

describe("jsonSchema", () => {
  it("is zod's JSON Schema of the business columns", () => {
    const schema = jsonSchema(transactions) as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(transactions.columns.map((c) => c.name));
    expect(schema.required).toContain("amount");
    expect(schema.required).not.toContain("lake_ingest_date");
    expect(schema.properties.transaction_date).toMatchObject({ type: "string", format: "date" });
    expect(schema.properties.amount).toMatchObject({
      type: "number",
      exclusiveMaximum: 1e10,
      exclusiveMinimum: -1e10,
    });
    expect(schema.properties.payment_method).toMatchObject({
      anyOf: [{ type: "string", enum: ["card", "paypal", "bank_transfer", "gift_card"] }, { type: "null" }],
    });
  });
});

describe("athenaDdl", () => {
  const ddl = athenaDdl(customers, { database: "silver", location: "s3://lake-silver/customers" });

  it("creates a partitioned external Parquet table with the partition column out of the column list", () => {
    expect(ddl).toMatch(
      /^CREATE EXTERNAL TABLE IF NOT EXISTS silver\.customers \(\n  customer_id string COMMENT /,
    );
    expect(ddl).toContain(
      "  address struct<street:string,city:string,state:string,zip:string,country:string> COMMENT",
    );
    expect(ddl).toMatch(
      /\)\nCOMMENT 'One row per customer[^\n]*'\nPARTITIONED BY \(\n  lake_ingest_date date COMMENT/,
    );
    expect(ddl.split("PARTITIONED BY")[0]).not.toContain("lake_ingest_date");
    expect(ddl).toContain("STORED AS PARQUET\nLOCATION 's3://lake-silver/customers/'\n");
    expect(ddl).toContain("'parquet.compression'='ZSTD'");
  });

  it("projects date partitions as the Athena docs define", () => {
    for (const property of [
      "'projection.enabled'='true'",
      "'projection.lake_ingest_date.type'='date'",
      "'projection.lake_ingest_date.format'='yyyy-MM-dd'",
      "'projection.lake_ingest_date.range'='2020-01-01,NOW'",
      "'projection.lake_ingest_date.interval'='1'",
      "'projection.lake_ingest_date.interval.unit'='DAYS'",
      "'storage.location.template'='s3://lake-silver/customers/lake_ingest_date=${lake_ingest_date}/'",
    ]) {
      expect(ddl).toContain(property);
    }
  });

  it("does not project partitions it cannot enumerate (a free-text dataset column)", () => {
    const q = athenaDdl(quarantine, { database: "silver", location: "s3://b/quarantine/" });
    expect(q).toContain("PARTITIONED BY (\n  dataset string COMMENT");
    expect(q).not.toContain("projection.");
  });

  it("creates Iceberg tables with Athena's CREATE TABLE and table_type", () => {
    const iceberg = athenaDdl(customer360, { database: "gold", location: "s3://lake-gold/customer_360/" });
    expect(iceberg).toMatch(/^CREATE TABLE IF NOT EXISTS gold\.customer_360 \(\n/);
    expect(iceberg).toContain("  snapshot_date date COMMENT");
    expect(iceberg).toContain(
      "PARTITIONED BY (snapshot_date, customer_segment)\nLOCATION 's3://lake-gold/customer_360/'",
    );
    expect(iceberg).toContain("'table_type'='ICEBERG',\n  'format'='parquet'");
    expect(iceberg).not.toContain("EXTERNAL");
  });

  it("registers Delta tables by location only", () => {
    const delta = defineDataset(goldDefinition({ format: "delta" }));
    expect(athenaDdl(delta, { database: "gold", location: "s3://g/order_summary" })).toBe(
      "CREATE EXTERNAL TABLE IF NOT EXISTS gold.order_summary\nLOCATION 's3://g/order_summary/'\n" +
        "TBLPROPERTIES (\n  'table_type'='DELTA'\n);\n",
    );
  });

  it("escapes quotes in comments", () => {
    expect(ddl).toContain("COMMENT 'One row per customer and ingest day, from the CRM\\'s daily JSON export");
  });
});

describe("sparkDdl", () => {
  it("creates Iceberg tables in the given catalog, NOT NULL where the contract says", () => {
    const ddl = sparkDdl(customer360, { catalog: "lake", database: "gold" });
    expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS lake\.gold\.customer_360 \(\n/);
    expect(ddl).toContain("  customer_id string NOT NULL COMMENT");
    expect(ddl).toContain("  full_name string COMMENT");
    expect(ddl).toContain(")\nUSING iceberg\nPARTITIONED BY (snapshot_date, customer_segment)\n");
    expect(ddl).not.toContain("LOCATION");
  });

  it("creates Parquet tables in the session catalog with the partition column in the column list", () => {
    const ddl = sparkDdl(customers, {
      catalog: "lake",
      database: "silver",
      location: "/tmp/lake/silver/customers",
    });
    expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS silver\.customers \(\n/);
    expect(ddl).toContain("  lake_ingest_date date COMMENT");
    expect(ddl).toContain(
      "USING parquet\nPARTITIONED BY (lake_ingest_date)\nLOCATION '/tmp/lake/silver/customers'\n",
    );
    expect(ddl).not.toContain("NOT NULL");
  });

  it("creates Delta tables at their location", () => {
    const delta = defineDataset(goldDefinition({ format: "delta" }));
    const ddl = sparkDdl(delta, { catalog: "lake", database: "gold", location: "/l/gold/order_summary" });
    expect(ddl).toContain("USING delta\nPARTITIONED BY (day)\nLOCATION '/l/gold/order_summary'\n");
  });
});

describe("dqdlRuleset", () => {
  it("writes one DQDL rule per contract rule, then IsComplete for the other required columns", () => {
    expect(dqdlRuleset(customer360).split("\n").slice(0, 7)).toEqual([
      "Rules = [",
      '  IsComplete "customer_id",',
      '  IsUnique "customer_id" "snapshot_date",',
      '  ColumnValues "lifetime_value" >= 0,',
      '  (ColumnValues "churn_risk_score" >= 0 where "churn_risk_score is not null") and ' +
        '(ColumnValues "churn_risk_score" <= 100 where "churn_risk_score is not null"),',
      "  RowCount >= 1,",
      '  IsComplete "total_transactions",',
    ]);
    expect(dqdlRuleset(customer360)).toMatch(/ {2}IsComplete "snapshot_date"\n\]\n$/);
    expect(dqdlRuleset(customer360).match(/IsComplete "customer_id"/g)).toHaveLength(1);
  });

  it("maps references, bounded ranges and allowed values of transactions", () => {
    const rules = dqdlRuleset(transactions);
    expect(rules).toContain('  ReferentialIntegrity "customer_id" "customers.{customer_id}" = 1.0,\n');
    expect(rules).toContain('  (ColumnValues "amount" >= 0) and (ColumnValues "amount" <= 1000000),\n');
    expect(rules).toContain('  ColumnValues "currency" in [ "USD", "EUR", "GBP", NULL ],\n');
    expect(rules).toContain('  IsUnique "transaction_id",\n');
  });

  it("lists each rule of the ruleset, in its order, with the severity of the contract rule it comes from", () => {
    const tickets = registry.get("support_tickets");
    const rules = dqdlRules(tickets);
    expect(dqdlRuleset(tickets)).toBe(`Rules = [\n${rules.map((r) => `  ${r.rule}`).join(",\n")}\n]\n`);
    const references = rules.find((r) => r.rule.startsWith("ReferentialIntegrity"));
    const contractRule = tickets.rules.find((r) => r.kind === "references");
    expect(references?.severity).toBe(contractRule?.severity);
    expect(references?.severity).toBe("warning");
    // The implicit completeness of a required column blocks, as the jobs' quality step treats it.
    expect(rules.filter((r) => r.rule.startsWith("IsComplete")).map((r) => r.severity)).not.toContain(
      "warning",
    );
  });

  it("keeps regex backslashes and leaves nullable references to the jobs", () => {
    expect(dqdlRuleset(customers)).toContain(
      '  ColumnValues "email" matches "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",\n',
    );
    expect(dqdlRuleset(webEvents)).not.toContain("ReferentialIntegrity");
    expect(dqdlRuleset(registry.get("support_tickets"))).toContain("ReferentialIntegrity");
  });

  it.each([
    [
      { kind: "length", column: "note", min: 1, max: 20 },
      '(ColumnLength "note" >= 1 where "note is not null") and (ColumnLength "note" <= 20 where "note is not null")',
    ],
    [{ kind: "freshness", column: "updated_at", maxAgeHours: 36 }, 'DataFreshness "updated_at" <= 36 hours'],
    [{ kind: "row_count", min: 10, max: 500 }, "(RowCount >= 10) and (RowCount <= 500)"],
    [
      { kind: "regex", column: "customer_id", pattern: 'say "hi"' },
      'ColumnValues "customer_id" matches "say \\"hi\\""',
    ],
    [{ kind: "not_null", column: "note" }, 'IsComplete "note"'],
    [
      { kind: "compare", column: "updated_at", operator: "<=", other: "lake_processed_at" },
      'CustomSql "SELECT COUNT(*) FROM primary WHERE `updated_at` IS NOT NULL AND `lake_processed_at` IS NOT NULL' +
        ' AND NOT (`updated_at` <= `lake_processed_at`)" = 0',
    ],
    [
      { kind: "null_when", column: "note", when: "customer_id", values: ["none", "it's"] },
      "CustomSql \"SELECT COUNT(*) FROM primary WHERE (COALESCE(`customer_id` IN ('none', 'it\\'s'), false) AND " +
        "`note` IS NOT NULL) OR (NOT COALESCE(`customer_id` IN ('none', 'it\\'s'), false) AND `note` IS NULL)\" = 0",
    ],
    [
      { kind: "duration", column: "amount", from: "updated_at", to: "lake_processed_at", unit: "minutes" },
      'CustomSql "SELECT COUNT(*) FROM primary WHERE `amount` IS NOT NULL AND `updated_at` IS NOT NULL AND ' +
        "`lake_processed_at` IS NOT NULL AND ABS(`amount` - (CAST(CAST(`lake_processed_at` AS TIMESTAMP) AS DOUBLE) - " +
        'CAST(CAST(`updated_at` AS TIMESTAMP) AS DOUBLE)) / 60) > 0.01" = 0',
    ],
  ])("maps %o", (rule, expected) => {
    const c = defineDataset(silverDefinition({ rules: [rule] }));
    expect(dqdlRuleset(c).split("\n")[1]).toBe(`  ${expected},`);
  });

  it("always writes a non-empty ruleset", () => {
    const c = defineDataset(
      goldDefinition({
        primaryKey: [],
        partitionKeys: [],
        columns: z.object({ note: z.string().nullable().meta({ description: "x" }) }),
      }),
    );
    expect(dqdlRuleset(c)).toBe("Rules = [\n  RowCount >= 0\n]\n");
  });
});
