// Keys the jobs and the catalog rely on: the primary key and ordering column drive deduplication, the partition
// keys drive the storage layout (and, for Hive tables, the Glue PartitionKeys).
import type { ProblemList } from "../errors.js";
import type { Column, LakeType } from "../types.js";
import { chooseFrom } from "./suggest.js";

const SCALAR_KINDS = new Set([
  "string",
  "int",
  "bigint",
  "smallint",
  "tinyint",
  "decimal",
  "boolean",
  "date",
  "timestamp",
]);
const ORDERABLE_KINDS = new Set([
  "int",
  "bigint",
  "smallint",
  "tinyint",
  "decimal",
  "double",
  "float",
  "date",
  "timestamp",
]);

const isScalar = (t: LakeType) => SCALAR_KINDS.has(t.kind);

export interface KeyInput {
  readonly primaryKey: readonly string[];
  readonly orderingColumn: string | null;
  readonly partitionKeys: readonly string[];
}

function nestedRoot(name: string): string | null {
  const match = /^([^.[{]+)[.[{]/.exec(name);
  return match ? match[1]! : null;
}

function checkListDuplicates(list: readonly string[], key: string, problems: ProblemList): void {
  const seen = new Set<string>();
  for (const name of list) {
    if (seen.has(name)) problems.add(key, `"${name}" is listed twice in ${key}.`, `List each column once.`);
    seen.add(name);
  }
}

/**
 * Resolves a key name against the columns; records a problem naming `key` when it is unknown or nested. A column
 * whose own declaration failed (`broken`) is already reported there, so a key naming it adds nothing.
 */
function resolve(
  name: string,
  key: string,
  columns: ReadonlyMap<string, Column>,
  candidates: readonly string[],
  broken: ReadonlySet<string>,
  problems: ProblemList,
) {
  const column = columns.get(name);
  if (column) return column;
  if (broken.has(name)) return undefined;
  const root = nestedRoot(name);
  if (root !== null && columns.has(root)) {
    problems.add(
      key,
      `"${name}" is a nested field; ${key} must name top-level columns.`,
      `Promote the value to its own top-level column and use that.`,
    );
  } else {
    problems.add(key, `"${name}" is not a column of this dataset.`, chooseFrom(name, candidates));
  }
  return undefined;
}

export function validateKeys(
  input: KeyInput,
  business: readonly Column[],
  audit: readonly Column[],
  problems: ProblemList,
  broken: ReadonlySet<string> = new Set(),
): void {
  const businessByName = new Map(business.map((c) => [c.name, c]));
  const allByName = new Map([...business, ...audit].map((c) => [c.name, c]));
  const businessNames = [...businessByName.keys()];
  // Only what could be a partition key is suggested: scalar, non-null, not pii (of the audit columns, the day).
  const partitionable = [...allByName.values()]
    .filter((c) => isScalar(c.type) && !c.nullable && c.classification !== "pii")
    .filter((c) => businessByName.has(c.name) || c.name === "lake_ingest_date")
    .map((c) => c.name);

  checkListDuplicates(input.primaryKey, "primaryKey", problems);
  for (const name of input.primaryKey) {
    const column = resolve(name, "primaryKey", businessByName, businessNames, broken, problems);
    if (!column) continue;
    if (column.nullable) {
      problems.add(
        "primaryKey",
        `Primary-key column "${name}" is nullable.`,
        `Remove .nullable()/.optional() from "${name}"; keys identify rows and cannot be null.`,
      );
    }
    if (!isScalar(column.type)) {
      problems.add(
        "primaryKey",
        `Primary-key column "${name}" has type ${column.type.kind}, which cannot be compared reliably as a key.`,
        `Use a string, integer, decimal, boolean, date or timestamp column.`,
      );
    }
  }

  if (input.orderingColumn !== null) {
    const column = resolve(
      input.orderingColumn,
      "orderingColumn",
      businessByName,
      businessNames,
      broken,
      problems,
    );
    if (column && !ORDERABLE_KINDS.has(column.type.kind)) {
      problems.add(
        "orderingColumn",
        `Ordering column "${column.name}" has type ${column.type.kind}; "latest wins" needs an orderable type.`,
        `Use a timestamp, date or numeric column.`,
      );
    }
    if (column?.nullable) {
      problems.add(
        "orderingColumn",
        `Ordering column "${column.name}" is nullable, so "latest wins" would be undefined for some rows.`,
        `Make "${column.name}" non-nullable.`,
      );
    }
  }

  checkListDuplicates(input.partitionKeys, "partitionKeys", problems);
  for (const name of input.partitionKeys) {
    const column = resolve(name, "partitionKeys", allByName, partitionable, broken, problems);
    if (!column) continue;
    if (column.classification === "pii") {
      problems.add(
        "partitionKeys",
        `Partition key "${name}" is a pii column; its values would appear in S3 keys and partition listings.`,
        `Partition by a non-identifying column (a date, a region, a segment).`,
      );
    }
    if (!isScalar(column.type)) {
      problems.add(
        "partitionKeys",
        `Partition key "${name}" has type ${column.type.kind}; partitions need a scalar value.`,
        `Partition by a string, integer, date or boolean column.`,
      );
    }
    if (column.nullable) {
      problems.add(
        "partitionKeys",
        `Partition key "${name}" is nullable; null rows would land in a default partition no rerun replaces.`,
        `Make "${name}" non-nullable.`,
      );
    }
  }
}
