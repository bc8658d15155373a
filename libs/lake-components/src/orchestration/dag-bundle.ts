// What an MWAA environment reads from its bucket, as pure data: the DAG folder's objects with the hash of each
// file's content, and the requirements.txt that pins what the DAGs import to MWAA's constraints.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { contentHash } from "../compute/artifacts.js";
import { s3Key } from "../naming.js";

/** Where MWAA syncs the bucket's DAG folder in every Airflow container (MWAA user guide, "Constraints file"). */
export const MWAA_DAGS_FOLDER = "/usr/local/airflow/dags";

/** One file of the DAG folder, by its path relative to the folder (`/`-separated). */
export interface DagFile {
  readonly path: string;
  readonly content: Buffer;
}

/** One object of the bucket: its key, its content and the hash of that content (`contentHash`). */
export interface DagObject {
  readonly key: string;
  readonly content: string;
  readonly hash: string;
}

const SKIPPED = /(^|\/)(__pycache__|\.pytest_cache|\.ruff_cache)(\/|$)|\.py[co]$/;

/** Every file under `root` except caches, sorted by path, so the same tree always gives the same objects. */
export function collectDagFiles(root: string): DagFile[] {
  const paths = (readdirSync(root, { recursive: true }) as string[])
    .map((p) => p.split(sep).join("/"))
    .filter((p) => !SKIPPED.test(p) && statSync(join(root, p)).isFile())
    .sort();
  if (!paths.some((p) => p.endsWith(".py"))) throw new Error(`no DAG file (*.py) under ${root}`);
  return paths.map((path) => ({ path, content: readFileSync(join(root, path)) }));
}

/**
 * The objects of `files` under the bucket's DAG folder `prefix`. Keys are the files' own paths (the DAG file's
 * name is its module name in Airflow, and MWAA syncs the folder as it is), so a change rewrites exactly the
 * objects whose content, and hence hash, changed. Text only: the folder holds Python, JSON and configuration.
 */
export function dagObjects(prefix: string, files: readonly DagFile[]): DagObject[] {
  const keys = new Set<string>();
  return files.map((f) => {
    const key = s3Key(prefix, f.path);
    if (keys.has(key)) throw new Error(`two DAG files map to the object ${key}`);
    keys.add(key);
    const content = f.content.toString("utf8");
    if (!Buffer.from(content, "utf8").equals(f.content)) {
      throw new Error(`the DAG file ${f.path} is not UTF-8 text`);
    }
    return { key, content, hash: contentHash(f.content) };
  });
}

/** The version a constraints file pins `pkg` to (`pkg==1.2.3`, name compared as pip normalizes it). */
export function constraintPin(constraints: string, pkg: string): string {
  const normal = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");
  for (const line of constraints.split("\n")) {
    const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)/.exec(line);
    if (match && normal(match[1] as string) === normal(pkg)) return match[2] as string;
  }
  throw new Error(`the constraints file pins no version of ${pkg}`);
}

export interface RequirementsInput {
  /** The constraints file's key in the bucket, under the DAG folder prefix `dagsPrefix`. */
  readonly constraintsKey: string;
  readonly dagsPrefix: string;
  /** Its content: each package is pinned to the version it holds. */
  readonly constraints: string;
  /** The packages the DAGs import. */
  readonly packages: readonly string[];
}

/**
 * `requirements.txt` for MWAA: a `--constraint` line naming the constraints file MWAA syncs with the DAG
 * folder (a local path: a private network reaches no public constraints URL), then each package pinned to its
 * constrained version, which MWAA's image already has, so the install needs no package index either.
 */
export function mwaaRequirements(input: RequirementsInput): string {
  const prefix = s3Key(input.dagsPrefix);
  const key = s3Key(input.constraintsKey);
  if (!key.startsWith(`${prefix}/`)) {
    throw new Error(
      `the constraints file ${key} must be under the DAG folder ${prefix}/ for MWAA to sync it`,
    );
  }
  const local = `${MWAA_DAGS_FOLDER}/${key.slice(prefix.length + 1)}`;
  const pins = [...new Set(input.packages)].sort().map((p) => `${p}==${constraintPin(input.constraints, p)}`);
  return [
    "# Installed by MWAA on every Airflow component at startup (pip install -r, with these constraints).",
    `--constraint "${local}"`,
    ...pins,
    "",
  ].join("\n");
}
