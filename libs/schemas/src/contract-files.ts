// The registry is read from the contract files themselves: every file in src/datasets/ is one contract, so adding
// a dataset is adding one file, and a file that is not a contract is an error rather than silently left out.
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDefinedContract } from "./define.js";
import { ContractError, type ContractProblem } from "./errors.js";
import type { DatasetContract } from "./types.js";

export const DATASETS_DIR = fileURLToPath(new URL("./datasets/", import.meta.url));

/** Files in src/datasets/ that hold pieces several contracts share rather than a contract of their own. */
export const SHARED_FILES: ReadonlySet<string> = new Set(["shared.ts"]);

/** The contract files of `dir`, sorted: every `.ts` file except the shared ones. */
export function contractFileNames(dir: string = DATASETS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !SHARED_FILES.has(f))
    .sort();
}

/** What is wrong with one loaded module: it must export exactly one contract, named like its file. */
export function contractFileProblems(file: string, exports: Record<string, unknown>): ContractProblem[] {
  const expected = basename(file, ".ts");
  const where = `src/datasets/${file}`;
  const contracts = Object.values(exports).filter(isDefinedContract);
  if (contracts.length === 0) {
    return [
      {
        dataset: expected,
        message: `${where} exports no contract.`,
        fix: `Export the result of defineDataset({ name: "${expected}", ... }), or move shared pieces to shared.ts.`,
      },
    ];
  }
  if (contracts.length > 1) {
    return [
      {
        dataset: expected,
        message: `${where} exports ${contracts.length} contracts (${contracts.map((c) => c.name).join(", ")}).`,
        fix: "Put each contract in a file of its own, named after the dataset.",
      },
    ];
  }
  const [contract] = contracts as [DatasetContract];
  if (contract.name !== expected) {
    return [
      {
        dataset: contract.name,
        field: "name",
        message: `${where} defines dataset "${contract.name}"; a contract file is named after its dataset.`,
        fix: `Rename the file to ${contract.name}.ts, or the dataset to "${expected}".`,
      },
    ];
  }
  return [];
}

/**
 * Imports every contract file of `dir` and returns its contracts. Problems of every file (a bad contract, a file
 * that is no contract) are thrown together as one ContractError, so one run names them all.
 */
export async function loadContractFiles(dir: string = DATASETS_DIR): Promise<DatasetContract[]> {
  const files = contractFileNames(dir);
  const loaded = await Promise.allSettled(
    files.map(async (f) => (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>),
  );
  const problems: ContractProblem[] = [];
  const contracts: DatasetContract[] = [];
  loaded.forEach((result, i) => {
    const file = files[i]!;
    if (result.status === "rejected") {
      const error: unknown = result.reason;
      if (error instanceof ContractError) problems.push(...error.problems);
      else {
        problems.push({
          dataset: basename(file, ".ts"),
          message: `src/datasets/${file} could not be loaded: ${(error as Error)?.message ?? String(error)}.`,
          fix: "Fix the file so it imports and runs; it must export one defineDataset(...) contract.",
        });
      }
      return;
    }
    const found = contractFileProblems(file, result.value);
    problems.push(...found);
    if (found.length === 0) contracts.push(Object.values(result.value).find(isDefinedContract)!);
  });
  if (problems.length > 0) throw new ContractError(problems);
  return contracts;
}
