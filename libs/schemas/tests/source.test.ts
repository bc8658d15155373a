// The source part of the model: which layout each kind lands in, what a CDC contract says about its change
// records, and what contract.json carries of it.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  contractJson,
  defineDataset,
  registry,
  SOURCE_KINDS,
  type DatasetDefinition,
  type SourceDefinition,
} from "../src/index.js";
import { contractErrorOf, d, orderColumns, silverDefinition } from "./helpers/definitions.js";

const withSource = (source: Record<string, unknown>, overrides = {}): DatasetDefinition =>
  silverDefinition({ source: { schedule: "cron(0 2 * * ? *)", ...source }, ...overrides });
const cdcSource = (
  cdc: Record<string, unknown> = { schema: "sales", table: "orders" },
  extra = {},
  overrides = {},
) => withSource({ kind: "cdc", format: "parquet", cdc, ...extra }, { format: "iceberg", ...overrides });

describe("the landing layout follows the kind", () => {
  it.each([
    ["file", "csv", "hive", "source=orders/"],
    ["stream", "json", "hive", "source=orders/"],
    ["api", "json", "hive", "source=orders/"],
  ] as const)("a %s source lands in the %s layout", (kind, format, layout, tablePrefix) => {
    const source = defineDataset(withSource({ kind, format })).source;
    expect(source).toEqual({
      kind,
      format,
      schedule: "cron(0 2 * * ? *)",
      bronzePrefix: "source=orders/",
      layout,
      tablePrefix,
      cdc: null,
    });
  });

  it("a cdc source lands in DMS's layout below its own folder, with DMS's change columns", () => {
    const source = defineDataset(cdcSource()).source;
    expect(source).toEqual({
      kind: "cdc",
      format: "parquet",
      schedule: "cron(0 2 * * ? *)",
      bronzePrefix: "source=orders/",
      layout: "dms",
      tablePrefix: "source=orders/sales/orders/",
      cdc: {
        schema: "sales",
        table: "orders",
        operationColumn: "Op",
        operations: { insert: "I", update: "U", delete: "D" },
        commitOrderColumn: "cdc_change_seq",
      },
    });
  });

  it("takes the commit-order column the contract names", () => {
    const source = defineDataset(
      cdcSource({ schema: "Sales", table: "Order_Lines", commitOrderColumn: "change_sequence" }),
    ).source;
    expect(source?.cdc?.commitOrderColumn).toBe("change_sequence");
    expect(source?.tablePrefix).toBe("source=orders/Sales/Order_Lines/");
  });

  it("accepts the layout written out when it is the kind's", () => {
    expect(defineDataset(withSource({ kind: "file", format: "json", layout: "hive" })).source?.layout).toBe(
      "hive",
    );
    expect(defineDataset(cdcSource(undefined, { layout: "dms" })).source?.layout).toBe("dms");
  });
});

interface Case {
  readonly name: string;
  readonly definition: DatasetDefinition;
  readonly field: string;
  readonly message: RegExp;
}

const cases: Case[] = [
  {
    name: "a cdc source in the hive layout, which DMS cannot write",
    definition: cdcSource(undefined, { layout: "hive" }),
    field: "source.layout",
    message: /landed by DMS, which writes the dms layout/,
  },
  {
    name: "a file source in DMS's layout",
    definition: withSource({ kind: "file", format: "json", layout: "dms" }),
    field: "source.layout",
    message: /what DMS writes; a file source is landed in the hive layout/,
  },
  {
    name: "a cdc source that names no table",
    definition: withSource({ kind: "cdc", format: "parquet" }),
    field: "source.cdc",
    message: /does not say which table DMS replicates/,
  },
  {
    name: "change records on a source that is not cdc",
    definition: withSource({ kind: "api", format: "json", cdc: { schema: "s", table: "t" } }),
    field: "source.cdc",
    message: /cdc is set on a api source/,
  },
  {
    name: "a cdc source as CSV",
    definition: withSource({ kind: "cdc", format: "csv", cdc: { schema: "s", table: "t" } }),
    field: "source.format",
    message: /A cdc source lands as parquet, not csv/,
  },
  {
    name: "a stream source as Parquet (Firehose delivers the records as sent)",
    definition: withSource({ kind: "stream", format: "parquet" }),
    field: "source.format",
    message: /A stream source lands as json, not parquet/,
  },
  {
    name: "an api source as Avro",
    definition: withSource({ kind: "api", format: "avro" }),
    field: "source.format",
    message: /A api source lands as json, not avro/,
  },
  {
    name: "a source schema that is no identifier",
    definition: cdcSource({ schema: "sales/eu", table: "orders" }),
    field: "source.cdc.schema",
    message: /"sales\/eu" is not a plain identifier/,
  },
  {
    name: "a source table that is no identifier",
    definition: cdcSource({ schema: "sales", table: "" }),
    field: "source.cdc.table",
    message: /"" is not a plain identifier/,
  },
  {
    name: "a commit-order column that is also a column of the table",
    definition: cdcSource({ schema: "sales", table: "orders", commitOrderColumn: "note" }),
    field: "source.cdc.commitOrderColumn",
    message: /"note" is also a column of the table/,
  },
  {
    name: "a commit-order column that is not snake_case",
    definition: cdcSource({ schema: "sales", table: "orders", commitOrderColumn: "ChangeSeq" }),
    field: "source.cdc.commitOrderColumn",
    message: /not lowercase snake_case/,
  },
  {
    name: "a column that DMS's operation column would shadow",
    definition: cdcSource(undefined, undefined, {
      columns: z.object({ ...orderColumns(), op: z.string().nullable().meta(d("Operator.")) }),
    }),
    field: "columns",
    message: /named "op", which \(case-insensitively\) is DMS's operation column "Op"/,
  },
  {
    name: "a cdc ordering column that cannot hold DMS's commit timestamp",
    definition: cdcSource(undefined, undefined, {
      columns: z.object({ ...orderColumns(), updated_at: z.iso.date().meta(d("Day.")) }),
    }),
    field: "orderingColumn",
    message: /"updated_at" of type date; DMS writes the commit timestamp into it/,
  },
  {
    name: "an unknown key in the change-record description",
    definition: cdcSource({ schema: "sales", table: "orders", operationColumn: "op_type" }),
    field: "source.cdc",
    message: /Unrecognized key: "operationColumn"/,
  },
  {
    name: "a cdc source whose table cannot commit its current state at once",
    definition: cdcSource(undefined, undefined, { format: "parquet" }),
    field: "format",
    message:
      /current state of sales\.orders, which each day's changes replace atomically; a parquet table cannot/,
  },
  {
    name: "an unknown layout",
    definition: withSource({ kind: "file", format: "json", layout: "flat" }),
    field: "source.layout",
    message: /Invalid option: expected one of "hive"\|"dms"/,
  },
];

describe("defineDataset rejects sources their kind's service cannot land", () => {
  it.each(cases)("$name", ({ definition, field, message }) => {
    const error = contractErrorOf(() => defineDataset(definition));
    const match = error.problems.find((p) => p.field === field && message.test(p.message));
    expect(match, `problems were:\n${error.message}`).toBeDefined();
    expect(match!.dataset).toBe("orders");
    expect(error.message).toContain("Fix:");
  });
});

describe("contract.json", () => {
  it("carries the layout, the table folder and the change columns after the keys readers already know", () => {
    const source = contractJson(registry.get("transactions")).source;
    expect(Object.keys(source ?? {})).toEqual([
      "kind",
      "format",
      "schedule",
      "bronzePrefix",
      "layout",
      "tablePrefix",
      "cdc",
    ]);
    expect(source?.cdc).toEqual({
      schema: "sales",
      table: "transactions",
      operationColumn: "Op",
      operations: { insert: "I", update: "U", delete: "D" },
      commitOrderColumn: "cdc_change_seq",
    });
  });

  it("writes cdc as null for the other kinds, so a reader needs no key check", () => {
    expect(contractJson(registry.get("customers")).source).toMatchObject({
      layout: "hive",
      tablePrefix: "source=customers/",
      cdc: null,
    });
  });
});

describe("the seed registry", () => {
  it("lands each kind at least once, each seed source in what its service writes", () => {
    // The seed's sources by name: a contract added later has its own kind and is not pinned here.
    const seed = ["customers", "support_tickets", "transactions", "web_events"];
    const bySource = Object.fromEntries(
      seed
        .map((name) => registry.get(name))
        .map((c) => [c.name, c.source && [c.source.kind, c.source.format, c.source.layout]]),
    );
    expect(bySource).toEqual({
      customers: ["file", "json", "hive"],
      support_tickets: ["api", "json", "hive"],
      transactions: ["cdc", "parquet", "dms"],
      web_events: ["stream", "json", "hive"],
    });
    const kinds = new Set(registry.withSource().map((c) => c.source?.kind));
    expect([...kinds].sort()).toEqual([...SOURCE_KINDS].sort());
  });

  it("replicates transactions from sales.transactions with its commit timestamp as the ordering column", () => {
    const transactions = registry.get("transactions");
    expect(transactions.source?.tablePrefix).toBe("source=transactions/sales/transactions/");
    expect(transactions.orderingColumn).toBe("ingestion_timestamp");
    expect(transactions.columns.find((c) => c.name === "ingestion_timestamp")?.type.kind).toBe("timestamp");
  });

  it("is a type the definition accepts for every kind", () => {
    const definitions: SourceDefinition[] = [
      { kind: "file", format: "avro", schedule: "cron(0 2 * * ? *)" },
      { kind: "cdc", format: "parquet", schedule: "cron(0 2 * * ? *)", cdc: { schema: "a", table: "b" } },
    ];
    const formats = { file: "parquet", cdc: "iceberg" } as const;
    const layouts = definitions.map(
      (source) =>
        defineDataset(silverDefinition({ source, format: formats[source.kind as "file" | "cdc"] })).source
          ?.layout,
    );
    expect(layouts).toEqual(["hive", "dms"]);
  });
});
