import type { DatasetContract } from "../types.js";
import { columnDefinition, indentList, sqlString, tableColumns } from "./sql.js";

export interface SparkDdlOptions {
  /** Catalog of Iceberg tables (e.g. the local Hadoop catalog "lake"); Parquet and Delta tables live in the
   * session catalog, which is what Spark's built-in sources support. */
  readonly catalog: string;
  readonly database: string;
  /** Table root. Required for Parquet and Delta; for Iceberg only when the catalog allows custom locations
   * (a Hadoop catalog does not). */
  readonly location?: string;
}

const TABLE_PROPERTIES: Record<DatasetContract["format"], readonly [string, string][]> = {
  parquet: [["parquet.compression", "zstd"]],
  iceberg: [
    ["format-version", "2"],
    ["write.parquet.compression-codec", "zstd"],
  ],
  delta: [],
};

/**
 * Spark SQL DDL the local Spark (and Glue's) can execute: `CREATE TABLE ... USING iceberg|parquet|delta`.
 * Unlike Athena's Hive DDL, partition columns stay in the column list and PARTITIONED BY only names them.
 */
export function sparkDdl(c: DatasetContract, options: SparkDdlOptions): string {
  const table =
    c.format === "iceberg"
      ? `${options.catalog}.${options.database}.${c.name}`
      : `${options.database}.${c.name}`;
  // NOT NULL is only enforced (and only accepted) by the v2 table formats.
  const notNull = c.format !== "parquet";
  const columns = indentList(tableColumns(c).map((col) => columnDefinition(col, { notNull })));
  const partitioned = c.partitionKeys.length > 0 ? `PARTITIONED BY (${c.partitionKeys.join(", ")})\n` : "";
  if (c.format !== "iceberg" && options.location === undefined) {
    throw new Error(`sparkDdl: a location is required for ${c.format} table "${c.name}".`);
  }
  const location = options.location === undefined ? "" : `LOCATION ${sqlString(options.location)}\n`;
  const props = TABLE_PROPERTIES[c.format];
  const properties =
    props.length > 0
      ? `TBLPROPERTIES (${props.map(([k, v]) => `${sqlString(k)}=${sqlString(v)}`).join(", ")})`
      : "";
  return (
    `CREATE TABLE IF NOT EXISTS ${table} (\n${columns}\n)\nUSING ${c.format}\n${partitioned}${location}` +
    `COMMENT ${sqlString(c.description)}\n${properties}`.trimEnd() +
    ";\n"
  );
}
