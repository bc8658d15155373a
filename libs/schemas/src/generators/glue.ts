import type { Column, DatasetContract } from "../types.js";
import { glueComment } from "./comment.js";
import { hiveType } from "./hive-type.js";

export interface GlueColumn {
  readonly name: string;
  readonly type: string;
  readonly comment?: string;
}

export interface GlueTableColumns {
  readonly columns: readonly GlueColumn[];
  readonly partitionKeys: readonly GlueColumn[];
}

function glueColumn(column: Column): GlueColumn {
  const comment = column.description === "" ? undefined : glueComment(column.description);
  return comment === undefined
    ? { name: column.name, type: hiveType(column.type) }
    : { name: column.name, type: hiveType(column.type), comment };
}

/**
 * Glue StorageDescriptor columns and PartitionKeys, business columns first, then audit columns.
 * Parquet (Hive-style) tables keep partition columns out of the column list, as Glue requires. Iceberg and Delta
 * tables keep their partition spec in their own metadata, so Glue gets every column and no partition keys.
 */
export function glueColumns(c: DatasetContract): GlueTableColumns {
  const all = [...c.columns, ...c.auditColumns];
  if (c.format !== "parquet") return { columns: all.map(glueColumn), partitionKeys: [] };
  const partitions = new Set(c.partitionKeys);
  const byName = new Map(all.map((col) => [col.name, col]));
  return {
    columns: all.filter((col) => !partitions.has(col.name)).map(glueColumn),
    partitionKeys: c.partitionKeys.map((name) => glueColumn(byName.get(name)!)),
  };
}
