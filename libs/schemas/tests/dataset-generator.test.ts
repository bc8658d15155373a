import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadContractFiles } from "../src/contract-files.js";
import { contractJson, SOURCE_KINDS } from "../src/index.js";
import { SOURCE_KIND_FORMATS } from "../src/validate/source.js";
import {
  DATASETS_PATH,
  datasetGenerator,
  datasetOptionProblems,
  renderDatasetContract,
  type DatasetGeneratorOptions,
} from "../src/nx/dataset.js";

const valid: DatasetGeneratorOptions = { name: "orders", domain: "sales", source: "file", format: "csv" };

function memoryTree(existing: string[] = []) {
  const files = new Map<string, string>(existing.map((p) => [p, ""]));
  return {
    files,
    exists: (p: string) => files.has(p),
    write: (p: string, c: string) => void files.set(p, c),
  };
}

describe("nx g @lake/schemas:dataset", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("writes a contract that loads as is, for every source kind and each format its service lands", async () => {
    // In the package, next to the real contracts' folder, so "../define.js" and zod resolve as they do there.
    dir = mkdtempSync(join(import.meta.dirname, "..", "src", ".generated-"));
    const combos = SOURCE_KINDS.flatMap((source) =>
      SOURCE_KIND_FORMATS[source].map((format) => ({ source, format })),
    );
    for (const { source, format } of combos) {
      const name = `new_${source}_${format}`;
      writeFileSync(
        join(dir, `${name}.ts`),
        renderDatasetContract({ name, domain: "sales", source, format }),
      );
    }
    const contracts = await loadContractFiles(dir);
    expect(contracts).toHaveLength(combos.length);
    const cdc = contracts.find((c) => c.name === "new_cdc_parquet")!;
    expect(cdc.source).toMatchObject({
      layout: "dms",
      tablePrefix: "source=new_cdc_parquet/sales/new_cdc_parquet/",
    });
    const csv = contractJson(contracts.find((c) => c.name === "new_file_csv")!);
    expect(csv).toMatchObject({
      layer: "silver",
      domain: "sales",
      primaryKey: ["new_file_csv_id"],
      orderingColumn: "updated_at",
      partitionKeys: ["lake_ingest_date"],
      source: {
        kind: "file",
        format: "csv",
        schedule: "cron(0 3 * * ? *)",
        bronzePrefix: "source=new_file_csv/",
      },
    });
  });

  it("writes src/datasets/<name>.ts and nothing else", () => {
    const tree = memoryTree();
    datasetGenerator(tree, valid);
    expect([...tree.files.keys()]).toEqual([`${DATASETS_PATH}/orders.ts`]);
    expect(tree.files.get(`${DATASETS_PATH}/orders.ts`)).toContain("export const orders = defineDataset({");
    expect(tree.files.get(`${DATASETS_PATH}/orders.ts`)).toContain('primaryKey: ["order_id"]');
  });

  it.each([
    [
      "a name that is not snake_case",
      { name: "Orders" },
      /name: dataset name "Orders" is not lowercase snake_case/,
    ],
    ["a reserved word", { name: "select" }, /name: .*reserved keyword/],
    ["an existing dataset", { name: "customers" }, /customers\.ts exists already/],
    ["a bad domain", { domain: "Sales Team" }, /--domain "Sales Team" is not a lowercase snake_case word/],
    [
      "an unknown source kind",
      { source: "strem" },
      /--source "strem" is not a source kind\. Did you mean "stream"\?/,
    ],
    [
      "a format the kind's service cannot land",
      { source: "stream", format: "csv" },
      /--format csv: a stream source lands as json, not csv; use --format json\./,
    ],
    [
      "an unknown format",
      { format: "jsonl" },
      /--format "jsonl" is not a source format\. Did you mean "json"\?/,
    ],
  ])("refuses %s before writing anything", (_case, overrides, message) => {
    const tree = memoryTree([`${DATASETS_PATH}/customers.ts`]);
    expect(() => datasetGenerator(tree, { ...valid, ...overrides })).toThrow(message);
    expect([...tree.files.keys()]).toEqual([`${DATASETS_PATH}/customers.ts`]);
  });

  it("lists every bad option at once", () => {
    expect(
      datasetOptionProblems({ name: "x y", domain: "", source: "ftp", format: "xml" }, () => false),
    ).toHaveLength(4);
  });
});
