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
  validateKeys(header, columns, auditColumns, problems);
  if (header.source) {
    validateSource(header.source, { columns, auditColumns, orderingColumn: header.orderingColumn }, problems);
  }
  const rules = buildRules(def.name, def.rules ?? [], columns, auditColumns, problems);
  problems.throwIfAny();

  return {
    ...header,
    format,
    source: header.source && normalizeSource(def.name, header.source),
    columns,
    auditColumns,
    rules,
    schema: def.columns,
  };
}

/**
 * Validates a dataset definition and returns the normalized contract. Every problem found is reported together
 * in one ContractError; nothing else is ever thrown, whatever the input.
 */
export function defineDataset(def: DatasetDefinition): DatasetContract {
  try {
    return build(def);
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
