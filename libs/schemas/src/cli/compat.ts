// `make compat BASE=<git ref>`: every contract of the working tree against its version at BASE, each change
// classified compatible or breaking, as Markdown (also written to dist/compat/compat.md for a pull request). Exits
// 1 when a change breaks readers without a version bump and migration note, 2 when a side cannot be read.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compareContracts, renderCompatMarkdown, type ContractSnapshot } from "../compat/classify.js";
import { ContractError } from "../errors.js";
import type { ContractJson } from "../generators/contract-json.js";
import type { DatasetContract } from "../types.js";

/** What the CLI needs of a revision's @lake/schemas: every contract and its contract.json. */
interface SchemasModule {
  readonly registry: { all(): readonly DatasetContract[] };
  readonly contractJson: (c: DatasetContract) => ContractJson;
}

const git = (cwd: string, args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

function findWorkspaceRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "nx.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No nx.json above ${start}.`);
  }
}

function snapshots(schemas: SchemasModule): ContractSnapshot[] {
  // A revision from before contracts had versions reads as version 1 without a note.
  return schemas.registry.all().map((c) => ({
    json: schemas.contractJson(c),
    version: (c as { version?: number }).version ?? 1,
    migration: (c as { migration?: string | null }).migration ?? null,
  }));
}

/**
 * The contracts of `commit`, read with that revision's own code: its libs/schemas is extracted to a scratch
 * folder that resolves packages from the workspace's node_modules. A revision without libs/schemas has none.
 */
async function contractsAt(root: string, commit: string, scratch: string): Promise<ContractSnapshot[]> {
  const listed = git(root, ["ls-tree", "--name-only", commit, "libs/schemas/src/index.ts"]);
  if (listed === "") return [];
  const archive = join(scratch, "schemas.tar");
  git(root, ["archive", "--format=tar", "-o", archive, commit, "libs/schemas"]);
  execFileSync("tar", ["-xf", archive, "-C", scratch]);
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"));
  const entry = pathToFileURL(join(scratch, "libs", "schemas", "src", "index.ts")).href;
  return snapshots((await import(entry)) as SchemasModule);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { base: { type: "string" }, out: { type: "string" } } });
  if (!values.base) {
    console.error("usage: compat.ts --base <git ref> [--out <file>]");
    return 2;
  }
  const root = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));
  let commit: string;
  try {
    commit = git(root, ["rev-parse", "--verify", "--quiet", `${values.base}^{commit}`]);
  } catch {
    console.error(
      `compat: "${values.base}" is not a commit of this repository (try a branch, a tag or a sha)`,
    );
    return 2;
  }
  const scratch = mkdtempSync(join(tmpdir(), "compat-"));
  try {
    let before: ContractSnapshot[];
    try {
      before = await contractsAt(root, commit, scratch);
    } catch (error) {
      console.error(`compat: the contracts at ${values.base} could not be read: ${(error as Error).message}`);
      return 2;
    }
    const head = (await import("../index.js")) as SchemasModule;
    const report = compareContracts(before, snapshots(head));
    const markdown = renderCompatMarkdown(
      report,
      `Contract compatibility: ${values.base} (${commit.slice(0, 12)}) → working tree`,
    );
    const out = values.out ?? join(root, "dist", "compat", "compat.md");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, markdown);
    process.stdout.write(markdown);
    return report.blocked ? 1 : 0;
  } catch (error) {
    if (error instanceof ContractError) {
      console.error(`compat: invalid contract\n${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
