// The `lake_jobs` Python package as the Spark jobs import it: a deterministic zip of its sources, named by the
// hash of its bytes, and the entry scripts Glue starts. The silver and gold stacks build it
// from the same sources, so the functions live here once.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { buildZip, type ZipEntry } from "./zip.js";

/**
 * The source root of the `lake_jobs` Python package (the folder that holds `lake_jobs/`) in this workspace. The
 * stacks run from source (tsx, vitest), so the path is relative to this file.
 */
export const SPARK_JOBS_SOURCE = fileURLToPath(new URL("../../../spark-jobs/src/", import.meta.url));

/** Files that belong in the package Glue imports: Python sources and data files, not caches or build output. */
export function isPackageFile(relativePath: string): boolean {
  const parts = relativePath.split("/");
  if (parts.some((p) => p === "__pycache__" || p.startsWith(".") || p.endsWith(".egg-info"))) return false;
  return /\.(py|json|sql|txt)$/.test(relativePath) && !/\.py[co]$/.test(relativePath);
}

/** Every package file under `root/<packageName>`, with paths relative to `root` as the archive wants them. */
export function collectPackageFiles(root: string, packageName = "lake_jobs"): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const path = relative(root, full).split(sep).join("/");
        if (isPackageFile(path)) out.push({ path, content: readFileSync(full) });
      }
    }
  };
  walk(join(root, packageName));
  if (out.length === 0) throw new Error(`no Python files found under ${join(root, packageName)}`);
  return out;
}

export interface JobPackage {
  readonly zip: Buffer;
  /** Hex SHA-256 of the zip; part of the object key, so a new package never overwrites the one a run is using. */
  readonly sha256: string;
  readonly files: readonly string[];
}

export function buildJobPackage(entries: readonly ZipEntry[]): JobPackage {
  const zip = buildZip(entries);
  return {
    zip,
    sha256: createHash("sha256").update(zip).digest("hex"),
    files: entries.map((e) => e.path).sort(),
  };
}

/** The package of the workspace's `libs/spark-jobs` (or of another source root holding `lake_jobs/`). */
export function lakeJobsPackage(root: string = SPARK_JOBS_SOURCE): JobPackage {
  return buildJobPackage(collectPackageFiles(root));
}

/**
 * The entry script Glue runs for a job module: the module's `__main__.py` (it imports from `lake_jobs`, which
 * `--extra-py-files` puts on the path), uploaded as `<module>.py`. Read as content, so no machine path reaches
 * the plan or the deployment.
 */
export function entryScript(
  module: string,
  root: string = SPARK_JOBS_SOURCE,
): { content: Buffer; fileName: string } {
  const path = join(root, "lake_jobs", module, "__main__.py");
  if (!existsSync(path))
    throw new Error(`the job entry script ${path} does not exist (module lake_jobs.${module})`);
  return { content: readFileSync(path), fileName: `${module}.py` };
}

/**
 * The gold datasets the package can build: `lake_jobs/silver_to_gold/builders/<dataset>.py`, one module per gold
 * contract (files starting with `_` are helpers). A gold contract without one would plan cleanly and fail on its
 * first run, so the gold stack refuses it first.
 */
export function goldBuilders(root: string = SPARK_JOBS_SOURCE): string[] {
  const dir = join(root, "lake_jobs", "silver_to_gold", "builders");
  if (!existsSync(dir)) throw new Error(`the gold builders folder ${dir} does not exist`);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".py") && !f.startsWith("_"))
    .map((f) => f.slice(0, -".py".length))
    .sort();
}

/** The message for each gold contract no builder of `builders` builds; [] when every one has its builder. */
export function missingGoldBuilders(goldDatasets: readonly string[], builders: readonly string[]): string[] {
  return goldDatasets
    .filter((name) => !builders.includes(name))
    .map(
      (name) =>
        `gold dataset ${name} has no builder: add libs/spark-jobs/src/lake_jobs/silver_to_gold/builders/${name}.py ` +
        `(builders today: ${builders.join(", ") || "none"})`,
    );
}
