import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generate } from "../src/cli/generate.js";
import {
  contractJson,
  contractVocabulary,
  createRegistry,
  registry,
  sparkQueriesJson,
  sparkSchema,
} from "../src/index.js";
import { contractErrorOf } from "./helpers/definitions.js";

const FILES = [
  "contract.json",
  "ddl.spark.sql",
  "ddl.sql",
  "dqdl.txt",
  "glue.json",
  "schema.json",
  "spark.json",
];
// Only a dataset that gold queries read gets its Spark rendering of them.
const filesOf = (dataset: string) => (dataset === "customer_360" ? [...FILES, "queries.json"].sort() : FILES);
const FILE_COUNT = registry.all().length * FILES.length + 1 + 2; // + queries.json, index.json, vocabulary.json

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[path.slice(dir.length + 1)] = readFileSync(path, "utf8");
    }
  }
  return out;
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "schemas-gen-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("generate", () => {
  it("writes every artifact of every dataset plus index.json and vocabulary.json", () => {
    const dir = tempDir();
    const summary = generate(registry, dir);
    expect(summary.datasets).toEqual(registry.all().map((c) => c.name));
    expect(summary.written).toBe(FILE_COUNT);
    const files = snapshot(dir);
    expect(Object.keys(files)).toHaveLength(FILE_COUNT);
    expect(JSON.parse(files["vocabulary.json"]!)).toEqual(contractVocabulary());
    expect(JSON.parse(files["customer_360/queries.json"]!)).toEqual(sparkQueriesJson("customer_360"));
    for (const c of registry.all()) {
      expect(readdirSync(join(dir, c.name)).sort(), c.name).toEqual(filesOf(c.name));
      for (const file of filesOf(c.name)) {
        expect(files[`${c.name}/${file}`], `${c.name}/${file}`).toMatch(/\n$/);
      }
      expect(JSON.parse(files[`${c.name}/contract.json`]!)).toEqual(contractJson(c));
      expect(JSON.parse(files[`${c.name}/spark.json`]!)).toEqual(sparkSchema(c, "table"));
    }
    const index = JSON.parse(files["index.json"]!) as { datasets: { name: string; hasSource: boolean }[] };
    expect(index.datasets.map((d) => d.name)).toEqual(summary.datasets);
    expect(index.datasets.find((d) => d.name === "customers")?.hasSource).toBe(true);
  });

  it("is byte-identical across runs and reports nothing to write the second time", () => {
    const dir = tempDir();
    generate(registry, dir);
    const first = snapshot(dir);
    const again = generate(registry, dir);
    expect(snapshot(dir)).toEqual(first);
    expect(again.written).toBe(0);
    const other = tempDir();
    generate(registry, other);
    expect(snapshot(other)).toEqual(first);
  });

  it("removes folders of datasets that no longer exist and files no generator writes", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "old_dataset"));
    writeFileSync(join(dir, "old_dataset", "contract.json"), "{}\n");
    generate(registry, dir);
    writeFileSync(join(dir, "customers", "stale.txt"), "x");
    const only = createRegistry([registry.get("customers")]);
    const summary = generate(only, dir, []);
    expect(summary.removed).toEqual(
      registry
        .all()
        .map((c) => c.name)
        .filter((n) => n !== "customers"),
    );
    expect(readdirSync(dir).sort()).toEqual(["customers", "index.json", "vocabulary.json"]);
    expect(readdirSync(join(dir, "customers")).sort()).toEqual(FILES);
  });

  it("refuses, before writing anything, a gold query whose dataset is not in the registry", () => {
    const dir = join(tempDir(), "out");
    const error = contractErrorOf(() => generate(createRegistry([registry.get("customers")]), dir));
    expect(error.dataset).toBe("customer_360");
    expect(error.message).toContain('The query reads dataset "customer_360", which is not in the registry.');
    expect(existsSync(dir)).toBe(false);
  });

  it("runs as a CLI and prints a summary", () => {
    const dir = tempDir();
    const output = execFileSync("npx", ["--no-install", "tsx", "src/cli/generate.ts", "--out", dir], {
      encoding: "utf8",
    });
    expect(output).toMatch(
      new RegExp(
        `^schemas: ${registry.all().length} datasets -> .+ \\(${FILE_COUNT} files written, 0 unchanged\\)\n`,
      ),
    );
    expect(Object.keys(snapshot(dir))).toHaveLength(FILE_COUNT);
  });
});
