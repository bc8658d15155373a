import { auditColumnsFor } from "./audit.js";
import { ContractError, ProblemList } from "./errors.js";
import { normalizeColumns } from "./normalize.js";
import type { DatasetContract, DatasetDefinition } from "./types.js";
import { validateColumns } from "./validate/columns.js";
import { validateHeader } from "./validate/dataset.js";
import { checkDefinitionShape } from "./validate/definition.js";
import { validateKeys } from "./validate/keys.js";
import { normalizeSource, validateSource } from "./validate/source.js";
import { buildRules } from "./validate/rules.js";

function datasetNameOf(input: unknown): string | undefined {
  const name = (input as { name?: unknown } | null)?.name;
  return typeof name === "string" && name !== "" ? name : undefined;
}

function build(input: unknown): DatasetContract {
  const problems = new ProblemList(datasetNameOf(input));
  if (!checkDefinitionShape(input, problems)) problems.throwIfAny();
  const def = input as DatasetDefinition;

  const format = def.format ?? (def.layer === "gold" ? "iceberg" : "parquet");
  const audit = def.audit ?? def.layer;
  const header = {
    name: def.name,
    layer: def.layer,
    domain: def.domain,
    description: def.description,
    owner: def.owner,
    audit,
    source: def.source ?? null,
    derivedFrom: def.derivedFrom ?? [],
    primaryKey: def.primaryKey ?? [],
    orderingColumn: def.orderingColumn ?? null,
    partitionKeys: def.partitionKeys ?? (audit === "silver" ? ["lake_ingest_date"] : []),
  };
  validateHeader(header, problems);
  const version = def.version ?? 1;
  const migration = def.migration?.trim() ? def.migration.trim() : null;
  if (version > 1 && migration === null) {
    problems.add(
      "migration",
      `The contract is at version ${version} but has no migration note.`,
      `Say in migration what changed for readers in version ${version} and what they must do.`,
    );
  }

  if (Object.keys(def.columns.shape).length === 0) {
    problems.add(
      "columns",
      `The contract has no business columns.`,
      `Declare at least one column in z.object({...}).`,
    );
  }
  const columns = normalizeColumns(def.columns, problems);
  const auditColumns = auditColumnsFor(audit);
  validateColumns(columns, { format, sourceFormat: header.source?.format ?? null }, problems);
  // Columns whose type could not be read are reported once, where they are declared: keys and rules naming them
  // would only repeat that first cause.
  const broken = new Set(Object.keys(def.columns.shape).filter((n) => !columns.some((c) => c.name === n)));
  validateKeys(header, columns, auditColumns, problems, broken);
  if (header.source) {
    validateSource(
      header.source,
      { columns, auditColumns, orderingColumn: header.orderingColumn, format },
      problems,
    );
  }
  const rules = buildRules(def.name, def.rules ?? [], columns, auditColumns, problems, broken);
  problems.throwIfAny();

  return {
    ...header,
    format,
    source: header.source && normalizeSource(def.name, header.source),
    columns,
    auditColumns,
    rules,
    schema: def.columns,
    version,
    migration,
  };
}

// Contracts made here, so the registry can tell a contract export from any other value a file exports.
const defined = new WeakSet<object>();

/** Whether `value` was returned by defineDataset. */
export function isDefinedContract(value: unknown): value is DatasetContract {
  return typeof value === "object" && value !== null && defined.has(value);
}

/**
 * Validates a dataset definition and returns the normalized contract. Every problem found is reported together
 * in one ContractError; nothing else is ever thrown, whatever the input.
 */
export function defineDataset(def: DatasetDefinition): DatasetContract {
  try {
    const contract = build(def);
    defined.add(contract);
    return contract;
  } catch (error) {
    if (error instanceof ContractError) throw error;
    // A bug or an input shape this module did not foresee: still report it as a contract problem, with the
    // dataset name, rather than a stack trace.
    throw new ContractError([
      {
        dataset: datasetNameOf(def),
        message: `The definition could not be read: ${(error as Error)?.message ?? String(error)}.`,
        fix: "Check the definition against the DatasetDefinition type in CONTRACT.md.",
      },
    ]);
  }
}
