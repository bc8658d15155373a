// What a Spark job runs, as content-addressed S3 objects: the entry script, the zipped `lake_jobs` package and
// the contract JSON. A key carries the hash of what it holds, so a changed file is a new key, the job
// definition that points at it changes too, and a run never picks up a half-updated mix of files.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { contractJson, type DatasetContract } from "@lake/schemas";
import { s3Key } from "../naming.js";

/** A file the job needs: a path on disk, or its content with the file name to store it under. */
export type JobFile =
  { readonly path: string } | { readonly content: string | Uint8Array; readonly fileName: string };

/** A job file read into memory. */
export interface LoadedFile {
  readonly fileName: string;
  readonly content: Uint8Array;
  /** The path it was read from, when it came from disk. */
  readonly path?: string;
}

/** Hex SHA-256 of the content, cut to 16 characters (64 bits): plenty to tell versions of one file apart. */
export function contentHash(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex").slice(0, 16);
}

/** Reads a job file; the error names the argument and the path when it cannot be read. */
export function loadJobFile(file: JobFile, argName: string): LoadedFile {
  if ("path" in file) {
    try {
      return { fileName: basename(file.path), content: readFileSync(file.path), path: file.path };
    } catch (err) {
      throw new Error(
        `${argName}: cannot read "${file.path}" (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
    }
  }
  return {
    fileName: file.fileName,
    content: typeof file.content === "string" ? new TextEncoder().encode(file.content) : file.content,
  };
}

/** `<prefix><stem>-<hash><ext>`: `jobs/bronze_to_silver.py` becomes `<prefix>bronze_to_silver-<hash>.py`. */
export function hashedKey(prefix: string, file: LoadedFile): string {
  const ext = extname(file.fileName);
  const stem = basename(file.fileName, ext);
  return s3Key(prefix, `${stem}-${contentHash(file.content)}${ext}`);
}

/** A contract.json as the Python jobs read it: `JSON.stringify(x, null, 2) + "\n"` (CONTRACT.md). */
export function contractFileContent(c: DatasetContract): string {
  return `${JSON.stringify(contractJson(c), null, 2)}\n`;
}

export interface ContractBundle {
  /** Hash over every file of the bundle: the folder they share. */
  readonly hash: string;
  /** `<prefix><hash>/`: the `--contracts` folder (each contract at `<folder><dataset>/contract.json`). */
  readonly folder: string;
  readonly files: readonly { readonly dataset: string; readonly key: string; readonly content: string }[];
}

/**
 * The job's contract and the ones it reads (a gold job's silver sources), in one content-addressed folder laid out
 * as the jobs expect: `<folder><dataset>/contract.json`, so a job finds its sources beside its own contract.
 */
export function contractBundle(prefix: string, contracts: readonly DatasetContract[]): ContractBundle {
  const files = [...contracts]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ dataset: c.name, content: contractFileContent(c) }));
  const duplicate = files.find((f, i) => files.findIndex((g) => g.dataset === f.dataset) !== i);
  if (duplicate) throw new Error(`contract ${duplicate.dataset} is given twice`);
  const hash = contentHash(files.map((f) => `${f.dataset}\n${f.content}`).join("\n"));
  const folder = `${s3Key(prefix, hash)}/`;
  return {
    hash,
    folder,
    files: files.map((f) => ({ ...f, key: s3Key(folder, f.dataset, "contract.json") })),
  };
}
