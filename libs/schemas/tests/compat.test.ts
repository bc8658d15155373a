import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  classifyContractChanges,
  compareContracts,
  renderCompatMarkdown,
  type ContractSnapshot,
} from "../src/compat/classify.js";
import { col, contractJson, defineDataset, type DatasetDefinition } from "../src/index.js";
import { d, orderColumns, silverDefinition } from "./helpers/definitions.js";

const snapshot = (def: DatasetDefinition): ContractSnapshot => {
  const c = defineDataset(def);
  return { json: contractJson(c), version: c.version, migration: c.migration };
};

const base = () =>
  silverDefinition({
    columns: z.object({
      ...orderColumns(),
      quantity: z.int32().meta(d("Items.")),
      weight: col.float().nullable().meta(d("Kilograms.")),
      price: col.decimal(10, 2).meta(d("Unit price.")),
      address: z
        .object({ city: z.string(), zip: z.string().nullable() })
        .nullable()
        .meta(d("Delivery address.")),
      tags: z.array(z.int32()).nullable().meta(d("Tag ids.")),
    }),
    rules: [
      { kind: "range", column: "amount", min: 0, max: 1000 },
      { kind: "allowed", column: "note", values: ["a", "b"] },
      { kind: "regex", column: "customer_id", pattern: "^C[0-9]+$" },
      { kind: "length", column: "order_id", min: 2, max: 20 },
      { kind: "not_null", column: "email", severity: "warning" },
    ],
  });

type Overrides = Partial<Record<keyof DatasetDefinition, unknown>>;
const columnsWith = (change: (cols: Record<string, z.ZodType>) => Record<string, z.ZodType>): Overrides => {
  const shape = { ...(base().columns.shape as Record<string, z.ZodType>) };
  return { columns: z.object(change(shape)) };
};
const rulesWith = (change: (rules: unknown[]) => unknown[]): Overrides => ({
  rules: change([...(base().rules as unknown[])]),
});
const replaceRule = (index: number, rule: unknown) =>
  rulesWith((rules) => rules.map((r, i) => (i === index ? rule : r)));

// [what changed, overrides of the base definition, the expected changes as "field: compatibility"]
const cases: [string, Overrides, string[]][] = [
  ["nothing", {}, []],
  [
    "a new nullable column",
    columnsWith((c) => ({ ...c, coupon: z.string().nullable().meta(d("x")) })),
    ["coupon: compatible"],
  ],
  [
    "a new required column",
    columnsWith((c) => ({ ...c, coupon: z.string().meta(d("x")) })),
    ["coupon: breaking"],
  ],
  [
    "int widened to bigint",
    columnsWith((c) => ({ ...c, quantity: col.bigint().meta(d("Items.")) })),
    ["quantity: compatible"],
  ],
  [
    "float widened to double",
    columnsWith((c) => ({ ...c, weight: z.number().nullable().meta(d("Kg.")) })),
    ["weight: compatible"],
  ],
  [
    "decimal precision raised, same scale",
    columnsWith((c) => ({ ...c, price: col.decimal(12, 2).meta(d("x")) })),
    ["price: compatible"],
  ],
  [
    "decimal scale changed",
    columnsWith((c) => ({ ...c, price: col.decimal(12, 3).meta(d("x")) })),
    ["price: breaking"],
  ],
  [
    "decimal precision lowered",
    columnsWith((c) => ({ ...c, price: col.decimal(8, 2).meta(d("x")) })),
    ["price: breaking"],
  ],
  [
    "double narrowed to float",
    columnsWith((c) => ({ ...c, amount: col.float().meta(d("x")) })),
    ["amount: breaking"],
  ],
  [
    "a new optional struct field",
    columnsWith((c) => ({
      ...c,
      address: z
        .object({ city: z.string(), zip: z.string().nullable(), state: z.string().optional() })
        .nullable()
        .meta(d("x")),
    })),
    ["address.state: compatible"],
  ],
  [
    "a new required struct field",
    columnsWith((c) => ({
      ...c,
      address: z
        .object({ city: z.string(), zip: z.string().nullable(), state: z.string() })
        .nullable()
        .meta(d("x")),
    })),
    ["address.state: breaking"],
  ],
  [
    "a struct field removed",
    columnsWith((c) => ({ ...c, address: z.object({ city: z.string() }).nullable().meta(d("x")) })),
    ["address.zip: breaking"],
  ],
  [
    "array element widened",
    columnsWith((c) => ({ ...c, tags: z.array(col.bigint()).nullable().meta(d("x")) })),
    ["tags[]: compatible"],
  ],
  ["a column removed", columnsWith(({ tags: _t, ...c }) => c), ["tags: breaking"]],
  [
    "a column renamed",
    columnsWith(({ weight, ...c }) => ({ ...c, weight_kg: weight! })),
    ["weight: breaking"],
  ],
  [
    "nullable made required",
    columnsWith((c) => ({ ...c, note: z.string().meta(d("x")) })),
    ["note: breaking"],
  ],
  [
    "required made nullable",
    columnsWith((c) => ({ ...c, quantity: z.int32().nullable().meta(d("x")) })),
    ["quantity: compatible"],
  ],
  [
    "classification made stricter",
    columnsWith((c) => ({
      ...c,
      note: z.string().nullable().meta({ description: "x", classification: "confidential" }),
    })),
    ["note: breaking"],
  ],
  [
    "classification relaxed",
    columnsWith((c) => ({
      ...c,
      email: z.string().nullable().meta({ description: "x", classification: "confidential" }),
    })),
    ["email: compatible"],
  ],
  ["the primary key", { primaryKey: ["order_id", "customer_id"] }, ["primaryKey: breaking"]],
  ["partitioning", { partitionKeys: ["lake_ingest_date", "customer_id"] }, ["partitionKeys: breaking"]],
  ["the table format", { format: "iceberg" }, ["format: breaking"]],
  [
    "the source format",
    { source: { kind: "file", format: "parquet", schedule: "cron(0 2 * * ? *)" } },
    ["source: breaking"],
  ],
  [
    "the schedule",
    { source: { kind: "file", format: "json", schedule: "cron(0 4 * * ? *)" } },
    ["source.schedule: compatible"],
  ],
  [
    "a range widened",
    replaceRule(0, { kind: "range", column: "amount", min: -10, max: 2000 }),
    ["orders.amount.range: compatible"],
  ],
  [
    "a range narrowed",
    replaceRule(0, { kind: "range", column: "amount", min: 0, max: 500 }),
    ["orders.amount.range: breaking"],
  ],
  [
    "a range bound dropped",
    replaceRule(0, { kind: "range", column: "amount", min: 0 }),
    ["orders.amount.range: compatible"],
  ],
  [
    "allowed values added",
    replaceRule(1, { kind: "allowed", column: "note", values: ["a", "b", "c"] }),
    ["orders.note.allowed: compatible"],
  ],
  [
    "allowed values removed",
    replaceRule(1, { kind: "allowed", column: "note", values: ["a"] }),
    ["orders.note.allowed: breaking"],
  ],
  [
    "a regex changed",
    replaceRule(2, { kind: "regex", column: "customer_id", pattern: "^C[0-9]{3}$" }),
    ["orders.customer_id.regex: breaking"],
  ],
  [
    "a length range widened",
    replaceRule(3, { kind: "length", column: "order_id", min: 1, max: 40 }),
    ["orders.order_id.length: compatible"],
  ],
  [
    "a warning made blocking",
    replaceRule(4, { kind: "not_null", column: "email" }),
    ["orders.email.not_null: breaking"],
  ],
  [
    "a blocking rule made a warning",
    replaceRule(0, { kind: "range", column: "amount", min: 0, max: 1000, severity: "warning" }),
    ["orders.amount.range: compatible"],
  ],
  ["a rule removed", rulesWith((r) => r.slice(1)), ["orders.amount.range: compatible"]],
  [
    "a new blocking rule",
    rulesWith((r) => [...r, { kind: "range", column: "quantity", min: 1 }]),
    ["orders.quantity.range: breaking"],
  ],
  [
    "a new warning rule",
    rulesWith((r) => [...r, { kind: "range", column: "quantity", min: 1, severity: "warning" }]),
    ["orders.quantity.range: compatible"],
  ],
];

const expectations = (overrides: Overrides): string[] =>
  classifyContractChanges(snapshot(base()), snapshot(silverDefinition({ ...base(), ...overrides })))
    .map((c) => `${c.field}: ${c.compatibility}`)
    .sort();

describe("contract changes are classified compatible or breaking", () => {
  it("has at least 25 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)("%s", (_what, overrides, expected) => {
    expect(expectations(overrides)).toEqual([...expected].sort());
  });

  // What a stored table can take depends on its format (libs/spark-jobs tests/common/test_schema_evolution.py).
  const widenings: [string, Overrides][] = [
    ["int to bigint", columnsWith((c) => ({ ...c, quantity: col.bigint().meta(d("x")) }))],
    ["float to double", columnsWith((c) => ({ ...c, weight: z.number().nullable().meta(d("x")) }))],
    ["decimal precision", columnsWith((c) => ({ ...c, price: col.decimal(12, 2).meta(d("x")) }))],
    ["an array element", columnsWith((c) => ({ ...c, tags: z.array(col.bigint()).nullable().meta(d("x")) }))],
  ];
  it.each(widenings)(
    "widening %s is compatible on Iceberg, breaking on Delta 3.3, saying why",
    (_what, o) => {
      const inFormat = (format: string, overrides: Overrides = {}) =>
        snapshot(silverDefinition({ ...base(), ...overrides, format }));
      const iceberg = classifyContractChanges(inFormat("iceberg"), inFormat("iceberg", o));
      expect(iceberg.map((c) => c.compatibility)).toEqual(["compatible"]);
      const delta = classifyContractChanges(inFormat("delta"), inFormat("delta", o));
      expect(delta.map((c) => c.compatibility)).toEqual(["breaking"]);
      expect(delta[0]!.change).toMatch(/widened: .* \(Delta 3\.3 cannot change a stored column's type/);
      const added = columnsWith((c) => ({ ...c, coupon: z.string().nullable().meta(d("x")) }));
      expect(classifyContractChanges(inFormat("delta"), inFormat("delta", added))).toMatchObject([
        { field: "coupon", compatibility: "compatible" },
      ]);
    },
  );

  it("bigint narrowed to int", () => {
    const wide = columnsWith((c) => ({ ...c, quantity: col.bigint().meta(d("x")) }));
    const narrow = columnsWith((c) => ({ ...c, quantity: z.int32().meta(d("x")) }));
    const changes = classifyContractChanges(
      snapshot(silverDefinition({ ...base(), ...wide })),
      snapshot(silverDefinition({ ...base(), ...narrow })),
    );
    expect(changes.map((c) => [c.field, c.compatibility, c.change])).toEqual([
      ["quantity", "breaking", "type changed: long -> integer"],
    ]);
  });

  it("string changed to int (the rules on it go with it)", () => {
    const overrides = {
      ...columnsWith((c) => ({ ...c, note: z.int32().nullable().meta(d("x")) })),
      ...rulesWith((r) => r.filter((rule) => (rule as { column?: string }).column !== "note")),
    };
    expect(expectations(overrides)).toEqual(["note: breaking", "orders.note.allowed: compatible"]);
  });

  it("the ordering column", () => {
    const overrides = {
      ...columnsWith((c) => ({ ...c, changed_at: z.iso.datetime().meta(d("x")) })),
      orderingColumn: "changed_at",
    };
    expect(expectations(overrides)).toEqual(["changed_at: breaking", "orderingColumn: breaking"]);
  });

  it("a new dataset is compatible, a removed one breaking", () => {
    expect(classifyContractChanges(undefined, snapshot(base()))).toMatchObject([
      { dataset: "orders", change: "new dataset", compatibility: "compatible" },
    ]);
    expect(classifyContractChanges(snapshot(base()), undefined)).toMatchObject([
      { dataset: "orders", change: "dataset removed", compatibility: "breaking" },
    ]);
  });
});

describe("compareContracts and the Markdown report", () => {
  const renamed = columnsWith(({ weight, ...c }) => ({ ...c, weight_kg: weight! }));

  it("blocks a breaking change without a version bump, and names what to do", () => {
    const report = compareContracts(
      [snapshot(base())],
      [snapshot(silverDefinition({ ...base(), ...renamed }))],
    );
    expect(report.blocked).toBe(true);
    const markdown = renderCompatMarkdown(report, "t");
    expect(markdown).toContain("| orders | weight | column renamed to weight_kg | **breaking** |");
    expect(markdown).toContain("raise `version` and add a `migration` note");
  });

  it("lets a breaking change through when the version is raised with a migration note", () => {
    const bumped = silverDefinition({ ...base(), ...renamed, version: 2, migration: "Read weight_kg." });
    const report = compareContracts([snapshot(base())], [snapshot(bumped)]);
    expect(report.blocked).toBe(false);
    expect(report.datasets[0]!.migration).toEqual({ from: 1, to: 2, note: "Read weight_kg." });
    expect(renderCompatMarkdown(report, "t")).toContain(
      "- orders: version 1 -> 2. Migration: Read weight_kg.",
    );
  });

  it("passes compatible changes and new datasets, and says when nothing changed", () => {
    const other = snapshot(silverDefinition({ name: "refunds" }));
    const added = columnsWith((c) => ({ ...c, coupon: z.string().nullable().meta(d("x")) }));
    const report = compareContracts(
      [snapshot(base())],
      [snapshot(silverDefinition({ ...base(), ...added })), other],
    );
    expect(report.blocked).toBe(false);
    expect(report.datasets.map((r) => r.dataset)).toEqual(["orders", "refunds"]);
    expect(renderCompatMarkdown(compareContracts([other], [other]), "t")).toContain("No contract changed.");
  });

  it("refuses a version above 1 without a migration note", () => {
    expect(() => defineDataset(silverDefinition({ version: 2 }))).toThrow(
      /version 2 but has no migration note/,
    );
  });
});
