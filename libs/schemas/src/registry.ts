import { ContractError, type ContractProblem } from "./errors.js";
import { hiveType } from "./generators/hive-type.js";
import { chooseFrom, nearestName } from "./validate/suggest.js";
import type { DatasetContract, Layer } from "./types.js";
import { loadContractFiles } from "./contract-files.js";

export interface DatasetRegistry {
  /** Every contract, sorted by name. */
  all(): readonly DatasetContract[];
  /** The contract named `name`; throws a ContractError naming the unknown dataset. */
  get(name: string): DatasetContract;
  byLayer(layer: Layer): readonly DatasetContract[];
  /** Contracts fed from outside through bronze. */
  withSource(): readonly DatasetContract[];
  /**
   * The silver contracts a gold table is built from (its `derivedFrom`), in the order it names them: what its job
   * reads, the read scope of its role, and the quality tasks its build waits for. [] for a silver contract.
   */
  sourcesOf(contract: DatasetContract): readonly DatasetContract[];
  /** The contracts the `references` rules of `contract` point at, sorted by name: what its quality run reads. */
  referencesOf(contract: DatasetContract): readonly DatasetContract[];
}

function crossDatasetProblems(contracts: readonly DatasetContract[]): ContractProblem[] {
  const problems: ContractProblem[] = [];
  const byName = new Map<string, DatasetContract>();
  for (const c of contracts) {
    if (byName.has(c.name)) {
      problems.push({
        dataset: c.name,
        field: "name",
        message: `Two contracts in the registry are named "${c.name}".`,
        fix: "Rename one of them; dataset names are Glue table names and must be unique.",
      });
    }
    byName.set(c.name, c);
  }
  for (const c of contracts) problems.push(...derivedFromProblems(c, byName));
  for (const c of contracts) {
    for (const [index, rule] of c.rules.entries()) {
      if (rule.kind !== "references") continue;
      const field = `rules[${index}]`;
      const target = byName.get(rule.dataset);
      if (!target) {
        problems.push({
          dataset: c.name,
          field,
          message: `references rule points at dataset "${rule.dataset}", which is not in the registry.`,
          fix: chooseFrom(rule.dataset, [...byName.keys()].sort()),
        });
        continue;
      }
      const targetColumn = [...target.columns, ...target.auditColumns].find(
        (col) => col.name === rule.datasetColumn,
      );
      if (!targetColumn) {
        problems.push({
          dataset: c.name,
          field,
          message: `references rule points at column "${rule.datasetColumn}", which "${rule.dataset}" does not have.`,
          fix: chooseFrom(
            rule.datasetColumn,
            target.columns.map((col) => col.name),
          ),
        });
        continue;
      }
      const own = c.columns.find((col) => col.name === rule.column);
      if (own && hiveType(own.type) !== hiveType(targetColumn.type)) {
        problems.push({
          dataset: c.name,
          field,
          message:
            `references rule compares "${rule.column}" (${hiveType(own.type)}) with ` +
            `"${rule.dataset}.${rule.datasetColumn}" (${hiveType(targetColumn.type)}).`,
          fix: "Reference a column of the same type.",
        });
      }
    }
  }
  return problems;
}

/** Every name in a contract's derivedFrom must be a silver dataset of the registry. */
function derivedFromProblems(
  c: DatasetContract,
  byName: ReadonlyMap<string, DatasetContract>,
): ContractProblem[] {
  const silver = [...byName.values()]
    .filter((d) => d.layer === "silver")
    .map((d) => d.name)
    .sort();
  const sourced = [...byName.values()]
    .filter((d) => d.layer === "silver" && d.source !== null)
    .map((d) => d.name)
    .sort();
  const fix =
    silver.length > 0
      ? `Use one of the silver datasets: ${silver.join(", ")}.`
      : "Register the silver datasets the table is built from.";
  return c.derivedFrom.flatMap((name, index): ContractProblem[] => {
    const target = byName.get(name);
    const where = { dataset: c.name, field: `derivedFrom[${index}]` };
    if (!target) {
      const near = nearestName(name, silver);
      return [
        {
          ...where,
          message: `derivedFrom names dataset "${name}", which is not in the registry.`,
          fix: near === undefined ? fix : `Did you mean "${near}"? ${fix}`,
        },
      ];
    }
    if (target.layer !== "silver") {
      return [
        {
          ...where,
          message: `derivedFrom names "${name}", a ${target.layer} table; gold tables are built from silver ones.`,
          fix,
        },
      ];
    }
    if (target.source === null) {
      // A system table (quarantine, quality results) is written by every run, never on its own: nothing in the
      // pipeline says when it is complete for a day, so no gold build could wait for it.
      return [
        {
          ...where,
          message: `derivedFrom names "${name}", a system table with no source of its own.`,
          fix: `Derive the table from source datasets: ${sourced.join(", ")}.`,
        },
      ];
    }
    return [];
  });
}

/**
 * Builds a registry after checking what only the whole set can tell: unique names, references, and the silver
 * datasets each gold table is derived from.
 */
export function createRegistry(contracts: readonly DatasetContract[]): DatasetRegistry {
  const problems = crossDatasetProblems(contracts);
  if (problems.length > 0) throw new ContractError(problems);
  const sorted = [...contracts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byName = new Map(sorted.map((c) => [c.name, c]));
  const get = (name: string): DatasetContract => {
    const found = byName.get(name);
    if (!found) {
      throw new ContractError([
        {
          dataset: name,
          message: `There is no dataset "${name}" in the registry.`,
          fix: chooseFrom(
            name,
            sorted.map((c) => c.name),
          ),
        },
      ]);
    }
    return found;
  };
  return {
    all: () => sorted,
    get,
    byLayer: (layer) => sorted.filter((c) => c.layer === layer),
    withSource: () => sorted.filter((c) => c.source !== null),
    sourcesOf: (contract) => contract.derivedFrom.map(get),
    referencesOf: (contract) =>
      [...new Set(contract.rules.flatMap((r) => (r.kind === "references" ? [r.dataset] : [])))]
        .sort()
        .map(get),
  };
}

/** Every contract of src/datasets/, one file each (see contract-files.ts). */
export const registry: DatasetRegistry = createRegistry(await loadContractFiles());
