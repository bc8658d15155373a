import type { Column, DatasetContract } from "../types.js";
import { glueComment } from "./comment.js";
import { columnDefinition, indentList, sqlString, tableColumns, withTrailingSlash } from "./sql.js";

export interface AthenaDdlOptions {
  readonly database: string;
  /** S3 URI of the table's root, e.g. s3://bucket/customers/. */
  readonly location: string;
  /** First day partition projection covers (yyyy-MM-dd). Defaults to 2020-01-01. */
  readonly projectionStartDate?: string;
}

/** Athena partition projection, only when every partition key can be projected (a date or an enum). */
function projectionProperties(
  keys: readonly Column[],
  location: string,
  startDate: string,
): [string, string][] {
  const projectable = keys.length > 0 && keys.every((k) => k.type.kind === "date" || k.enum !== null);
  if (!projectable || !keys.some((k) => k.type.kind === "date")) return [];
  return [
    ["projection.enabled", "true"],
    ...keys.flatMap((k): [string, string][] =>
      k.type.kind === "date"
        ? [
            [`projection.${k.name}.type`, "date"],
            [`projection.${k.name}.format`, "yyyy-MM-dd"],
            [`projection.${k.name}.range`, `${startDate},NOW`],
            [`projection.${k.name}.interval`, "1"],
            [`projection.${k.name}.interval.unit`, "DAYS"],
          ]
        : [
            [`projection.${k.name}.type`, "enum"],
            [`projection.${k.name}.values`, k.enum!.join(",")],
          ],
    ),
    ["storage.location.template", `${location}${keys.map((k) => `${k.name}=\${${k.name}}/`).join("")}`],
  ];
}

function properties(pairs: readonly [string, string][]): string {
  return `TBLPROPERTIES (\n${indentList(pairs.map(([k, v]) => `${sqlString(k)}=${sqlString(v)}`))}\n)`;
}

/**
 * Athena DDL. Parquet: a Hive external table with partition columns in PARTITIONED BY (and partition projection
 * for silver tables partitioned by dates). Iceberg: Athena's CREATE TABLE with table_type ICEBERG. Delta: Athena
 * reads the schema from the Delta log, so only the location is registered.
 */
export function athenaDdl(c: DatasetContract, options: AthenaDdlOptions): string {
  const table = `${options.database}.${c.name}`;
  const location = withTrailingSlash(options.location);
  const tableComment = `COMMENT ${sqlString(glueComment(c.description, 2048))}`;
  if (c.format === "delta") {
    return `CREATE EXTERNAL TABLE IF NOT EXISTS ${table}\nLOCATION ${sqlString(location)}\n${properties([["table_type", "DELTA"]])};\n`;
  }
  const all = tableColumns(c);
  if (c.format === "iceberg") {
    const partitioned = c.partitionKeys.length > 0 ? `PARTITIONED BY (${c.partitionKeys.join(", ")})\n` : "";
    return (
      `CREATE TABLE IF NOT EXISTS ${table} (\n${indentList(all.map((col) => columnDefinition(col, { notNull: false })))}\n)\n` +
      `${tableComment}\n${partitioned}LOCATION ${sqlString(location)}\n` +
      `${properties([
        ["table_type", "ICEBERG"],
        ["format", "parquet"],
      ])};\n`
    );
  }
  const keys = c.partitionKeys.map((name) => all.find((col) => col.name === name)!);
  const data = all.filter((col) => !c.partitionKeys.includes(col.name));
  const partitioned =
    keys.length > 0
      ? `PARTITIONED BY (\n${indentList(keys.map((k) => columnDefinition(k, { notNull: false })))}\n)\n`
      : "";
  const projection =
    c.layer === "silver"
      ? projectionProperties(keys, location, options.projectionStartDate ?? "2020-01-01")
      : [];
  return (
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${table} (\n${indentList(data.map((col) => columnDefinition(col, { notNull: false })))}\n)\n` +
    `${tableComment}\n${partitioned}STORED AS PARQUET\nLOCATION ${sqlString(location)}\n` +
    `${properties([["parquet.compression", "ZSTD"], ...projection])};\n`
  );
}
