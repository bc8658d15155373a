// `nx run schemas:generate`: writes dist/schemas/<dataset>/ for every contract in the registry, plus
// dist/schemas/index.json and dist/schemas/vocabulary.json. Output depends only on the contracts and the gold
// queries, so two runs give identical bytes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkGoldQueries, GOLD_QUERIES, type GoldQuery } from "../analytics/gold-queries.js";
import { ContractError } from "../errors.js";
import { datasetArtifacts, toJsonText } from "../generators/artifacts.js";
import { contractVocabulary } from "../generators/vocabulary.js";
import type { DatasetRegistry } from "../registry.js";

export interface GenerateSummary {
  readonly outDir: string;
  readonly datasets: readonly string[];
  readonly written: number;
  readonly unchanged: number;
  readonly removed: readonly string[];
}

function findWorkspaceRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "nx.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No nx.json above ${start}; pass --out <dir>.`);
  }
}

function writeIfChanged(path: string, content: string): boolean {
  if (existsSync(path) && readFileSync(path, "utf8") === content) return false;
  writeFileSync(path, content);
  return true;
}

/**
 * Writes every dataset's artifacts below `outDir` and removes folders of datasets that no longer exist. Throws a
 * ContractError, before writing anything, when a gold query reads no gold dataset of the registry.
 */
export function generate(
  registry: DatasetRegistry,
  outDir: string,
  queries: readonly GoldQuery[] = GOLD_QUERIES,
): GenerateSummary {
  checkGoldQueries(registry, queries);
  mkdirSync(outDir, { recursive: true });
  const contracts = registry.all();
  const names = contracts.map((c) => c.name);
  let written = 0;
  let unchanged = 0;
  for (const c of contracts) {
    const dir = join(outDir, c.name);
    mkdirSync(dir, { recursive: true });
    const files = datasetArtifacts(c, queries);
    for (const [file, content] of Object.entries(files)) {
      if (writeIfChanged(join(dir, file), content)) written++;
      else unchanged++;
    }
    // A file a previous version wrote but this one does not is stale too.
    for (const entry of readdirSync(dir))
      if (!(entry in files)) rmSync(join(dir, entry), { recursive: true });
  }
  const removed = readdirSync(outDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !names.includes(e.name))
    .map((e) => e.name)
    .sort();
  for (const name of removed) rmSync(join(outDir, name), { recursive: true });
  const index = {
    datasets: contracts.map((c) => ({
      name: c.name,
      layer: c.layer,
      format: c.format,
      hasSource: c.source !== null,
      path: `${c.name}/`,
    })),
  };
  const root = { "index.json": toJsonText(index), "vocabulary.json": toJsonText(contractVocabulary()) };
  for (const [file, content] of Object.entries(root)) {
    if (writeIfChanged(join(outDir, file), content)) written++;
    else unchanged++;
  }
  return { outDir, datasets: names, written, unchanged, removed };
}

function parseOut(argv: readonly string[]): string | undefined {
  const i = argv.indexOf("--out");
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  try {
    // Imported here so a bad contract surfaces as a ContractError below, not as an unhandled import failure.
    const { registry } = await import("../registry.js");
    const root = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));
    const outDir = resolve(parseOut(process.argv.slice(2)) ?? join(root, "dist", "schemas"));
    const s = generate(registry, outDir);
    // Paths inside the workspace are shown from its root, wherever Nx ran the command from.
    const inside = relative(root, s.outDir);
    const shown = inside.startsWith("..") ? s.outDir : inside;
    console.log(
      `schemas: ${s.datasets.length} datasets -> ${shown}/ (${s.written} files written, ${s.unchanged} unchanged` +
        `${s.removed.length > 0 ? `, removed stale: ${s.removed.join(", ")}` : ""})`,
    );
    console.log(`  ${s.datasets.join(", ")}`);
    return 0;
  } catch (error) {
    if (error instanceof ContractError) {
      console.error(`schemas: invalid contract\n${error.message}`);
      return 1;
    }
    console.error(`schemas: ${(error as Error).message}`);
    return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
