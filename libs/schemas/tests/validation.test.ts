import { describe, expect, it } from "vitest";
import { z } from "zod";
import { col, ContractError, createRegistry, defineDataset, type DatasetDefinition } from "../src/index.js";
import { quarantine } from "../src/datasets/quarantine.js";
import { contractErrorOf, d, goldDefinition, orderColumns, silverDefinition } from "./helpers/definitions.js";

const withColumns = (extra: Record<string, z.ZodType>, overrides = {}) =>
  silverDefinition({ columns: z.object({ ...orderColumns(), ...extra }), ...overrides });
const withRules = (rules: unknown[]) => silverDefinition({ rules });
const longName = `a${"_b".repeat(130)}`;

interface Case {
  readonly name: string;
  readonly run: () => unknown;
  readonly dataset: string | undefined;
  readonly field: string | undefined;
  readonly message: RegExp;
  /** When set, the fix must say this. */
  readonly fix?: RegExp;
}

const define = (def: DatasetDefinition) => () => defineDataset(def);

const cases: Case[] = [
  {
    name: "column name not snake_case",
    run: define(withColumns({ customerName: z.string().meta(d("x")) })),
    dataset: "orders",
    field: "customerName",
    message: /not lowercase snake_case/,
  },
  {
    name: "dataset name not snake_case",
    run: define(silverDefinition({ name: "Orders" })),
    dataset: "Orders",
    field: "name",
    message: /not lowercase snake_case/,
  },
  {
    name: "table name longer than Glue allows",
    run: define(silverDefinition({ name: longName })),
    dataset: longName,
    field: "name",
    message: /261 characters long; Glue allows at most 255/,
  },
  {
    name: "column name longer than Glue allows",
    run: define(withColumns({ [longName]: z.string().meta(d("x")) })),
    dataset: "orders",
    field: longName,
    message: /Glue allows at most 255/,
  },
  {
    name: "reserved word as column name",
    run: define(withColumns({ date: z.iso.date().meta(d("x")) })),
    dataset: "orders",
    field: "date",
    message: /Athena reserved keyword/,
  },
  {
    name: "reserved word as nested field name",
    run: define(withColumns({ shipping: z.object({ from: z.string() }).meta(d("x")) })),
    dataset: "orders",
    field: "shipping.from",
    message: /Athena reserved keyword/,
  },
  {
    name: "audit prefix on a business column",
    run: define(withColumns({ lake_flag: z.boolean().meta(d("x")) })),
    dataset: "orders",
    field: "lake_flag",
    message: /prefix "lake_", reserved for the platform/,
  },
  {
    name: "duplicate column names (case-insensitive)",
    run: define(withColumns({ Note: z.string().meta(d("x")) })),
    dataset: "orders",
    field: "Note",
    message: /duplicates "note"/,
  },
  {
    name: "duplicate nested struct fields",
    run: define(withColumns({ address: z.object({ city: z.string(), City: z.string() }).meta(d("x")) })),
    dataset: "orders",
    field: "address.City",
    message: /duplicates "address.city" in struct "address"/,
  },
  {
    name: "primary key column does not exist",
    run: define(silverDefinition({ primaryKey: ["order_no"] })),
    dataset: "orders",
    field: "primaryKey",
    message: /"order_no" is not a column of this dataset/,
  },
  {
    name: "ordering column does not exist",
    run: define(silverDefinition({ orderingColumn: "changed_at" })),
    dataset: "orders",
    field: "orderingColumn",
    message: /"changed_at" is not a column/,
  },
  {
    name: "partition key does not exist",
    run: define(silverDefinition({ partitionKeys: ["lake_ingest_date", "region"] })),
    dataset: "orders",
    field: "partitionKeys",
    message: /"region" is not a column/,
  },
  {
    name: "nullable primary-key column",
    run: define(silverDefinition({ primaryKey: ["order_id", "note"] })),
    dataset: "orders",
    field: "primaryKey",
    message: /Primary-key column "note" is nullable/,
  },
  {
    name: "nested partition key",
    run: define(
      withColumns(
        { address: z.object({ city: z.string() }).meta(d("x")) },
        { partitionKeys: ["lake_ingest_date", "address.city"] },
      ),
    ),
    dataset: "orders",
    field: "partitionKeys",
    message: /"address.city" is a nested field/,
  },
  {
    name: "pii partition key",
    run: define(
      goldDefinition({
        partitionKeys: ["customer_id"],
        columns: z.object({
          customer_id: z.string().meta({ description: "x", classification: "pii" }),
          day: z.iso.date().meta(d("x")),
        }),
      }),
    ),
    dataset: "order_summary",
    field: "partitionKeys",
    message: /Partition key "customer_id" is a pii column/,
  },
  {
    name: "decimal without precision and scale",
    run: define(withColumns({ price: (col.decimal as unknown as () => z.ZodNumber)().meta(d("x")) })),
    dataset: "orders",
    field: "price",
    message: /decimal\(undefined, undefined\) is not a valid decimal/,
  },
  {
    name: "decimal scale greater than precision",
    run: define(withColumns({ price: col.decimal(4, 6).meta(d("x")) })),
    dataset: "orders",
    field: "price",
    message: /decimal\(4, 6\) is not a valid decimal/,
  },
  {
    name: "decimal precision above 38",
    run: define(withColumns({ price: col.decimal(39, 2).meta(d("x")) })),
    dataset: "orders",
    field: "price",
    message: /decimal\(39, 2\) is not a valid decimal/,
  },
  {
    name: "tinyint in an Iceberg table",
    run: define(withColumns({ flags: col.tinyint().meta(d("x")) }, { format: "iceberg" })),
    dataset: "orders",
    field: "flags",
    message: /Iceberg has no tinyint or smallint/,
  },
  {
    name: "smallint nested in an Iceberg table",
    run: define(
      goldDefinition({
        columns: z.object({
          customer_id: z.string().meta(d("x")),
          day: z.iso.date().meta(d("x")),
          scores: z.array(col.smallint()).meta(d("x")),
        }),
      }),
    ),
    dataset: "order_summary",
    field: "scores",
    message: /Iceberg has no tinyint or smallint/,
  },
  {
    name: "map key that is not a string",
    run: define(withColumns({ counts: z.record(z.int32(), z.string()).meta(d("x")) })),
    dataset: "orders",
    field: "counts",
    message: /Map keys must be strings, this one is int/,
  },
  {
    name: "unsupported zod type: union",
    run: define(withColumns({ code: z.union([z.string(), z.number()]).meta(d("x")) })),
    dataset: "orders",
    field: "code",
    message: /zod type "union" is not supported/,
  },
  {
    name: "unsupported zod type: any",
    run: define(withColumns({ blob: z.any().meta(d("x")) })),
    dataset: "orders",
    field: "blob",
    message: /zod type "any" is not supported/,
  },
  {
    name: "unsupported zod type: bigint literal",
    run: define(withColumns({ big: z.literal(10n).meta(d("x")) })),
    dataset: "orders",
    field: "big",
    message: /Literal values \["10n"\] are not all strings/,
  },
  {
    name: "unsupported zod type: z.date()",
    run: define(withColumns({ day: z.date().meta(d("x")) })),
    dataset: "orders",
    field: "day",
    message: /zod type "date" is not supported/,
    fix: /use z\.iso\.date\(\) for a date/,
  },
  {
    name: "unsupported zod type nested in an array of structs",
    run: define(withColumns({ items: z.array(z.object({ sku: z.bigint() })).meta(d("x")) })),
    dataset: "orders",
    field: "items[].sku",
    message: /zod type "bigint" is not supported/,
  },
  {
    name: "rule on an unknown column",
    run: define(withRules([{ kind: "not_null", column: "missing" }])),
    dataset: "orders",
    field: "rules[0]",
    message: /names column "missing", which is not a business column/,
  },
  {
    name: "range rule on a string column",
    run: define(withRules([{ kind: "range", column: "note", min: 0 }])),
    dataset: "orders",
    field: "rules[0]",
    message: /range rule on "note" needs a numeric column, but it is string/,
  },
  ...(
    [
      ["lookahead", "^(?=A)[A-Z]{3}$", "a lookaround"],
      ["lookbehind", "^[A-Z]{3}(?<!X)$", "a lookaround"],
      ["backreference", "^(a)\\1$", "a backreference"],
      ["named group", "^(?<code>[A-Z]{3})$", "a named group"],
      ["Unicode property", "^\\p{Lu}{3}$", "a Unicode property escape"],
    ] as const
  ).map(([what, pattern, construct]): Case => ({
    name: `regex with a ${what}`,
    run: define(withRules([{ kind: "regex", column: "note", pattern }])),
    dataset: "orders",
    field: "rules[0]",
    message: new RegExp(`uses ${construct}, which the jobs, DQDL and the sample generator`),
  })),
  {
    name: "regex rule on a number column",
    run: define(withRules([{ kind: "regex", column: "amount", pattern: "^\\d+$" }])),
    dataset: "orders",
    field: "rules[0]",
    message: /regex rule on "amount" needs a string column, but it is double/,
  },
  {
    name: "min greater than max",
    run: define(withRules([{ kind: "range", column: "amount", min: 10, max: 1 }])),
    dataset: "orders",
    field: "rules[0]",
    message: /min \(10\) is greater than max \(1\)/,
  },
  {
    name: "invalid regex",
    run: define(withRules([{ kind: "regex", column: "note", pattern: "([a-z]+" }])),
    dataset: "orders",
    field: "rules[0]",
    message: /Invalid regex "\(\[a-z\]\+"/,
  },
  {
    name: "length rule on a number column",
    run: define(withRules([{ kind: "length", column: "amount", max: 3 }])),
    dataset: "orders",
    field: "rules[0]",
    message: /length rule on "amount" needs a string column/,
  },
  {
    name: "freshness rule on a string column",
    run: define(withRules([{ kind: "freshness", column: "note", maxAgeHours: 24 }])),
    dataset: "orders",
    field: "rules[0]",
    message: /freshness rule on "note" needs a date or timestamp column/,
  },
  {
    name: "allowed rule without values",
    run: define(withRules([{ kind: "allowed", column: "note", values: [] }])),
    dataset: "orders",
    field: "rules[0]",
    message: /allowed rule has no values/,
  },
  {
    name: "two rules with the same id",
    run: define(
      withRules([
        { kind: "range", column: "amount", min: 0 },
        { kind: "range", column: "amount", max: 10 },
      ]),
    ),
    dataset: "orders",
    field: "rules[1]",
    message: /Rule id "orders.amount.range" is used twice/,
  },
  {
    name: "gold table that does not say what it is built from",
    run: define(goldDefinition({ derivedFrom: undefined })),
    dataset: "order_summary",
    field: "derivedFrom",
    message: /does not say which silver datasets it is built from/,
    fix: /derivedFrom: \["customers", "transactions"\]/,
  },
  {
    name: "gold table built from nothing",
    run: define(goldDefinition({ derivedFrom: [] })),
    dataset: "order_summary",
    field: "derivedFrom",
    message: /does not say which silver datasets it is built from/,
  },
  {
    name: "derivedFrom on a silver source table",
    run: define(silverDefinition({ derivedFrom: ["customers"] })),
    dataset: "orders",
    field: "derivedFrom",
    message: /derivedFrom is set on a silver table/,
    fix: /fed from its source/,
  },
  {
    name: "a dataset listed twice in derivedFrom",
    run: define(goldDefinition({ derivedFrom: ["orders", "refunds", "orders"] })),
    dataset: "order_summary",
    field: "derivedFrom[2]",
    message: /"orders" is listed twice in derivedFrom/,
  },
  {
    name: "derivedFrom that is not a list of names",
    run: define(goldDefinition({ derivedFrom: "orders" })),
    dataset: "order_summary",
    field: "derivedFrom",
    message: /expected array/,
  },
  {
    name: "gold table with a source",
    run: define(goldDefinition({ source: { kind: "file", format: "json", schedule: "cron(0 2 * * ? *)" } })),
    dataset: "order_summary",
    field: "source",
    message: /A gold table has a source/,
  },
  {
    name: "silver source table without a source",
    run: define(silverDefinition({ source: undefined })),
    dataset: "orders",
    field: "source",
    message: /A silver source table \(audit "silver"\) has no source/,
  },
  {
    name: "source table without a primary key",
    run: define(silverDefinition({ primaryKey: [] })),
    dataset: "orders",
    field: "primaryKey",
    message: /A source table needs a primary key and an ordering column/,
  },
  {
    name: "silver source table not partitioned by lake_ingest_date",
    run: define(silverDefinition({ partitionKeys: [] })),
    dataset: "orders",
    field: "partitionKeys",
    message: /not partitioned by lake_ingest_date/,
  },
  {
    name: "cron schedule with five fields",
    run: define(silverDefinition({ source: { kind: "file", format: "json", schedule: "cron(0 2 * * *)" } })),
    dataset: "orders",
    field: "source.schedule",
    message: /cron needs 6 fields/,
  },
  {
    name: "cron schedule setting both day fields",
    run: define(
      silverDefinition({ source: { kind: "file", format: "json", schedule: "cron(0 2 1 * MON *)" } }),
    ),
    dataset: "orders",
    field: "source.schedule",
    message: /exactly one of day-of-month and day-of-week must be "\?"/,
  },
  {
    name: "cron schedule with an hour out of range",
    run: define(
      silverDefinition({ source: { kind: "file", format: "json", schedule: "cron(0 25 * * ? *)" } }),
    ),
    dataset: "orders",
    field: "source.schedule",
    message: /invalid "25" in hours \(allowed 0-23\)/,
  },
  {
    name: "empty description",
    run: define(silverDefinition({ description: "  " })),
    dataset: "orders",
    field: "description",
    message: /no description/,
  },
  {
    name: "empty owner",
    run: define(silverDefinition({ owner: "" })),
    dataset: "orders",
    field: "owner",
    message: /no owner/,
  },
  {
    name: "column without a description",
    run: define(withColumns({ extra: z.string() })),
    dataset: "orders",
    field: "extra",
    message: /The column has no description/,
  },
  {
    name: "column comment longer than Glue allows",
    run: define(withColumns({ extra: z.string().meta(d("é".repeat(256))) })),
    dataset: "orders",
    field: "extra",
    message: /256 characters; Glue column comments hold at most 255/,
  },
  {
    name: "nested types in a CSV source",
    run: define(
      withColumns(
        { tags: z.array(z.string()).meta(d("x")) },
        {
          source: { kind: "file", format: "csv", schedule: "cron(0 2 * * ? *)" },
        },
      ),
    ),
    dataset: "orders",
    field: "tags",
    message: /A CSV source cannot carry nested types/,
  },
  {
    name: "unknown metadata key (typo)",
    run: define(withColumns({ extra: z.string().meta({ description: "x", clasification: "pii" }) })),
    dataset: "orders",
    field: "extra",
    message: /Unknown metadata key "clasification"/,
  },
  {
    name: "invalid classification value",
    run: define(withColumns({ extra: z.string().meta({ description: "x", classification: "secret" }) })),
    dataset: "orders",
    field: "extra",
    message: /Metadata "classification" is "secret"/,
  },
  {
    name: "classification on a field inside an array",
    run: define(
      withColumns({
        items: z.array(z.object({ sku: z.string().meta({ classification: "pii" }) })).meta(d("x")),
      }),
    ),
    dataset: "orders",
    field: "items[].sku",
    message: /cannot apply to a field inside an array or a map/,
  },
  {
    name: "a mask on a struct column instead of its fields",
    run: define(
      withColumns({
        address: z
          .object({ zip: z.string() })
          .meta({ description: "x", classification: "pii", mask: "redact" }),
      }),
    ),
    dataset: "orders",
    field: "address",
    message: /mask "redact" is set on a struct column; structs are masked field by field/,
  },
  {
    name: "a mask on a public field of a struct",
    run: define(withColumns({ address: z.object({ city: z.string().meta({ mask: "hash" }) }).meta(d("x")) })),
    dataset: "orders",
    field: "address.city",
    message: /mask "hash" is set on a public field; only pii values are masked/,
  },
  {
    name: "standardize on a number field of a struct",
    run: define(
      withColumns({ address: z.object({ no: z.int32().meta({ standardize: "trim" }) }).meta(d("x")) }),
    ),
    dataset: "orders",
    field: "address.no",
    message: /standardize "trim" needs a string field, this one is int/,
  },
  {
    name: "a compare rule naming an unknown column",
    run: define(withRules([{ kind: "compare", column: "updated_at", operator: ">=", other: "created_at" }])),
    dataset: "orders",
    field: "rules[0]",
    message: /compare rule names column "created_at", which is not a business column of "orders"/,
  },
  {
    name: "a compare rule between incomparable types",
    run: define(withRules([{ kind: "compare", column: "amount", operator: "<", other: "updated_at" }])),
    dataset: "orders",
    field: "rules[0]",
    message: /relates "amount" \(double\) and "updated_at" \(timestamp\) with <, which cannot compare them/,
  },
  {
    name: "a compare rule with an operator it does not know",
    run: define(withRules([{ kind: "compare", column: "amount", operator: "=>", other: "amount" }])),
    dataset: "orders",
    field: "rules[0].operator",
    message: /Invalid option/,
  },
  {
    name: "a compare rule of a column with itself",
    run: define(withRules([{ kind: "compare", column: "amount", operator: "<=", other: "amount" }])),
    dataset: "orders",
    field: "rules[0]",
    message: /compares "amount" with itself/,
  },
  {
    name: "a null_when rule on a column that cannot be null",
    run: define(withRules([{ kind: "null_when", column: "amount", when: "note", values: ["x"] }])),
    dataset: "orders",
    field: "rules[0]",
    message: /null_when rule on "amount", which is not nullable, so it can never be null/,
  },
  {
    name: "a null_when rule on values the enum never holds",
    run: define(
      silverDefinition({
        columns: z.object({
          ...orderColumns(),
          state: z.enum(["open", "done"]).meta(d("x")),
          closed_at: z.iso.datetime({ offset: true }).nullable().meta(d("x")),
        }),
        rules: [{ kind: "null_when", column: "closed_at", when: "state", values: ["open", "pending"] }],
      }),
    ),
    dataset: "orders",
    field: "rules[0]",
    message: /lists "pending", which "state" never holds/,
  },
  {
    name: "a duration rule on a text column",
    run: define(
      withRules([{ kind: "duration", column: "note", from: "updated_at", to: "updated_at", unit: "hours" }]),
    ),
    dataset: "orders",
    field: "rules[0]",
    message: /duration rule on "note" needs a numeric column, but it is string/,
  },
  {
    name: "a duration rule between columns that are not dates or timestamps",
    run: define(
      withRules([{ kind: "duration", column: "amount", from: "note", to: "updated_at", unit: "hours" }]),
    ),
    dataset: "orders",
    field: "rules[0]",
    message: /duration rule on "note" needs a date or timestamp column, but it is string/,
  },
  {
    name: "mask on a column that is not pii",
    run: define(withColumns({ extra: z.string().meta({ description: "x", mask: "hash" }) })),
    dataset: "orders",
    field: "extra",
    message: /mask "hash" is set on a public column/,
  },
  {
    name: "standardize on a number column",
    run: define(withColumns({ qty: z.int32().meta({ description: "x", standardize: "trim" }) })),
    dataset: "orders",
    field: "qty",
    message: /standardize "trim" needs a string column, this one is int/,
  },
  {
    name: "numeric enum values",
    run: define(withColumns({ level: z.enum({ low: 1, high: 2 }).meta(d("x")) })),
    dataset: "orders",
    field: "level",
    message: /Enum values \[1,2\] are not all strings/,
  },
  {
    name: "nullable partition key",
    run: define(
      goldDefinition({
        partitionKeys: ["day"],
        columns: z.object({
          customer_id: z.string().meta(d("x")),
          day: z.iso.date().nullable().meta(d("x")),
        }),
        primaryKey: ["customer_id"],
      }),
    ),
    dataset: "order_summary",
    field: "partitionKeys",
    message: /Partition key "day" is nullable/,
  },
  {
    name: "ordering column that cannot be ordered",
    run: define(silverDefinition({ orderingColumn: "customer_id" })),
    dataset: "orders",
    field: "orderingColumn",
    message: /has type string; "latest wins" needs an orderable type/,
  },
  {
    name: "audit gold on a silver table",
    run: define(silverDefinition({ audit: "gold" })),
    dataset: "orders",
    field: "audit",
    message: /audit "gold" is set on a silver table/,
  },
  {
    name: "wrong type in the definition itself",
    run: define(silverDefinition({ primaryKey: "order_id" })),
    dataset: "orders",
    field: "primaryKey",
    message: /expected array/,
  },
  {
    name: "unknown rule kind",
    run: define(withRules([{ kind: "positive", column: "amount" }])),
    dataset: "orders",
    field: "rules[0].kind",
    message: /Invalid discriminator value. Expected 'not_null' \| 'range'/,
  },
];

describe("defineDataset rejects invalid contracts", () => {
  it.each(cases)("$name", ({ run, dataset, field, message, fix }) => {
    const error = contractErrorOf(run);
    const match = error.problems.find((p) => p.field === field && message.test(p.message));
    expect(match, `problems were:\n${error.message}`).toBeDefined();
    expect(match!.dataset).toBe(dataset);
    expect(match!.fix).toMatch(fix ?? /\w/);
    // The message a user sees names where and how to fix, and is never a stack trace.
    expect(error.message).toContain(`field "${field}"`);
    expect(error.message).toContain("Fix:");
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it("has at least 20 distinct cases", () => {
    expect(new Set(cases.map((c) => c.name)).size).toBeGreaterThanOrEqual(20);
  });

  it("reports every problem of a contract together", () => {
    const error = contractErrorOf(() =>
      defineDataset(
        withColumns(
          { BadName: z.string().meta(d("x")), blob: z.any().meta(d("x")) },
          { owner: "", rules: [{ kind: "range", column: "note", min: 1 }] },
        ),
      ),
    );
    expect(error.problems.map((p) => p.field)).toEqual(["owner", "blob", "BadName", "rules[0]"]);
    expect(error.message).toMatch(/^4 contract problems:/);
    expect(error.dataset).toBe("orders");
    expect(error.field).toBe("owner");
  });

  it("accepts the valid base definitions", () => {
    expect(defineDataset(silverDefinition()).name).toBe("orders");
    expect(defineDataset(goldDefinition()).format).toBe("iceberg");
  });
});

describe("createRegistry rejects invalid sets of contracts", () => {
  const orders = defineDataset(silverDefinition());
  const referencing = (dataset: string, datasetColumn: string, column = "customer_id") =>
    defineDataset(
      goldDefinition({
        rules: [{ kind: "references", column, dataset, datasetColumn, severity: "warning" }],
      }),
    );

  it.each([
    {
      name: "duplicate dataset names",
      contracts: () => [orders, defineDataset(silverDefinition())],
      dataset: "orders",
      field: "name",
      message: /Two contracts in the registry are named "orders"/,
    },
    {
      name: "reference to an unknown dataset",
      contracts: () => [orders, referencing("buyers", "customer_id")],
      dataset: "order_summary",
      field: "rules[0]",
      message: /points at dataset "buyers", which is not in the registry/,
    },
    {
      name: "reference to an unknown column",
      contracts: () => [orders, referencing("orders", "buyer_id")],
      dataset: "order_summary",
      field: "rules[0]",
      message: /points at column "buyer_id", which "orders" does not have/,
    },
    {
      name: "reference between columns of different types",
      contracts: () => [orders, referencing("orders", "amount")],
      dataset: "order_summary",
      field: "rules[0]",
      message: /compares "customer_id" \(string\) with "orders.amount" \(double\)/,
    },
    {
      name: "gold table derived from an unknown dataset",
      contracts: () => [orders, defineDataset(goldDefinition({ derivedFrom: ["orders", "refunds"] }))],
      dataset: "order_summary",
      field: "derivedFrom[1]",
      message: /derivedFrom names dataset "refunds", which is not in the registry/,
    },
    {
      name: "gold table derived from another gold table",
      contracts: () => [
        orders,
        defineDataset(goldDefinition()),
        defineDataset(goldDefinition({ name: "order_trends", derivedFrom: ["order_summary"] })),
      ],
      dataset: "order_trends",
      field: "derivedFrom[0]",
      message: /derivedFrom names "order_summary", a gold table; gold tables are built from silver ones/,
    },
    {
      name: "gold table derived from a system table, which no task writes on its own",
      contracts: () => [
        orders,
        quarantine,
        defineDataset(goldDefinition({ derivedFrom: ["orders", "quarantine"] })),
      ],
      dataset: "order_summary",
      field: "derivedFrom[1]",
      message: /derivedFrom names "quarantine", a system table with no source of its own/,
    },
  ])("$name", ({ contracts, dataset, field, message }) => {
    const error = contractErrorOf(() => createRegistry(contracts()));
    const match = error.problems.find((p) => p.field === field && message.test(p.message));
    expect(match, error.message).toBeDefined();
    expect(match!.dataset).toBe(dataset);
  });

  it("names the silver datasets a gold table may be derived from", () => {
    const error = contractErrorOf(() =>
      createRegistry([orders, defineDataset(goldDefinition({ derivedFrom: ["refunds"] }))]),
    );
    expect(error.problems).toEqual([
      {
        dataset: "order_summary",
        field: "derivedFrom[0]",
        message: 'derivedFrom names dataset "refunds", which is not in the registry.',
        fix: "Use one of the silver datasets: orders.",
      },
    ]);
  });

  it("accepts a gold table derived from silver datasets of the registry", () => {
    const registry = createRegistry([orders, defineDataset(goldDefinition())]);
    expect(registry.get("order_summary").derivedFrom).toEqual(["orders"]);
  });

  it("answers what a gold table is built from and what a dataset's references rules read", () => {
    const refunds = defineDataset(silverDefinition({ name: "refunds" }));
    const summary = defineDataset(
      goldDefinition({
        derivedFrom: ["refunds", "orders"],
        rules: [
          { kind: "references", column: "customer_id", dataset: "refunds", datasetColumn: "customer_id" },
        ],
      }),
    );
    const registry = createRegistry([orders, refunds, summary]);
    expect(registry.sourcesOf(summary).map((c) => c.name)).toEqual(["refunds", "orders"]);
    expect(registry.sourcesOf(orders)).toEqual([]);
    expect(registry.referencesOf(summary).map((c) => c.name)).toEqual(["refunds"]);
    expect(registry.referencesOf(orders)).toEqual([]);
  });

  it("names the unknown dataset on get()", () => {
    const error = contractErrorOf(() => createRegistry([orders]).get("buyers"));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.dataset).toBe("buyers");
    expect(error.message).toMatch(/no dataset "buyers".*Use one of: orders/);
  });
});

describe("errors stop at the first cause and suggest the nearest name", () => {
  it("reports a column whose type fails once, not again for every rule and key naming it", () => {
    const broken = (col.decimal as unknown as () => z.ZodNumber)().meta(d("Price."));
    const error = contractErrorOf(() =>
      defineDataset(
        withColumns(
          { price: broken },
          {
            rules: [
              { kind: "range", column: "price", min: 0 },
              { kind: "not_null", column: "price" },
            ],
            partitionKeys: ["lake_ingest_date", "price"],
          },
        ),
      ),
    );
    expect(error.problems.map((p) => p.field)).toEqual(["price"]);
    expect(error.message).toMatch(/decimal\(undefined, undefined\) is not a valid decimal/);
  });

  it.each([
    [
      "a rule",
      { rules: [{ kind: "range", column: "ammount", min: 0 }] },
      "rules[0]",
      /Did you mean "amount"\?/,
    ],
    ["the primary key", { primaryKey: ["order_idd"] }, "primaryKey", /Did you mean "order_id"\?/],
    ["the ordering column", { orderingColumn: "updatedat" }, "orderingColumn", /Did you mean "updated_at"\?/],
  ])("suggests the nearest column for a typo in %s", (_where, overrides, field, fix) => {
    const error = contractErrorOf(() => defineDataset(silverDefinition(overrides)));
    expect(error.problems).toHaveLength(1);
    expect(error.field).toBe(field);
    expect(error.problems[0]!.fix).toMatch(fix);
  });

  it("offers no suggestion when nothing is close", () => {
    const error = contractErrorOf(() => defineDataset(silverDefinition({ primaryKey: ["zzzzzz"] })));
    expect(error.problems[0]!.fix).not.toMatch(/Did you mean/);
    expect(error.problems[0]!.fix).toMatch(/^Use one of: order_id, /);
  });

  it("suggests as partition keys only columns that can be one (scalar, not pii or nullable, of audit the day)", () => {
    const error = contractErrorOf(() =>
      defineDataset(silverDefinition({ partitionKeys: ["lake_ingest_date", "regoin"] })),
    );
    expect(error.problems[0]!.fix).toBe("Use one of: order_id, customer_id, updated_at, lake_ingest_date.");
  });
});
