// Pieces shared by the Athena and Spark DDL generators.
import type { Column, DatasetContract } from "../types.js";
import { glueComment } from "./comment.js";
import { hiveType } from "./hive-type.js";

/** A single-quoted SQL string literal; both Hive DDL and Spark SQL read backslash escapes. */
export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export function columnDefinition(column: Column, options: { notNull: boolean }): string {
  const notNull = options.notNull && !column.nullable ? " NOT NULL" : "";
  const comment = column.description ? ` COMMENT ${sqlString(glueComment(column.description))}` : "";
  return `${column.name} ${hiveType(column.type)}${notNull}${comment}`;
}

export function tableColumns(c: DatasetContract): readonly Column[] {
  return [...c.columns, ...c.auditColumns];
}

export function indentList(lines: readonly string[]): string {
  return lines.map((line) => `  ${line}`).join(",\n");
}

/** Ensures a location ends with exactly one "/" so templates can append key=value/ segments. */
export function withTrailingSlash(location: string): string {
  return location.endsWith("/") ? location : `${location}/`;
}
