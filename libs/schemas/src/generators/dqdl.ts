// AWS Glue Data Quality rules (DQDL) for a contract's dataset-level view of its rules.
//
// Mapping decisions, from the DQDL reference:
// - Inclusive bounds are written with >= and <=; `between` is avoided so the bounds mean what the contract says.
// - ColumnValues and ColumnLength fail NULL rows, while a contract rule on a nullable column only judges present
//   values: such rules get `where "<col> is not null"`; `allowed` lists NULL among the values instead.
// - ReferentialIntegrity has no NULL exemption, so references from nullable columns are left to the jobs'
//   quality step (which evaluates every rule); severity has no DQDL equivalent and lives in contract.json.
// - DQDL has no rule type relating two columns of a row, so the cross-column rules (compare, null_when, duration)
//   are CustomSql rules counting the rows that break them in the primary dataset (`= 0`), in Spark SQL, the
//   dialect Glue Data Quality runs CustomSql in. Their row-level results need CustomSql's other form (selecting the
//   failing rows' columns), which the jobs' quality step gives instead: it reports each rule's failing rows.
import {
  DURATION_TOLERANCE,
  DURATION_UNIT_SECONDS,
  type Column,
  type CompareRule,
  type DatasetContract,
  type DurationRule,
  type NullWhenRule,
  type Rule,
  type Severity,
} from "../types.js";

/** A DQDL string. Only the double quote is escaped: a regex's backslashes must reach Glue unchanged. */
function quote(text: string): string {
  return `"${text.replace(/"/g, '\\"')}"`;
}

function bounded(
  ruleType: "ColumnValues" | "ColumnLength",
  column: Column,
  rule: { min?: number; max?: number },
): string {
  const where = column.nullable ? ` where ${quote(`${column.name} is not null`)}` : "";
  const parts = [
    rule.min !== undefined && `${ruleType} ${quote(column.name)} >= ${String(rule.min)}${where}`,
    rule.max !== undefined && `${ruleType} ${quote(column.name)} <= ${String(rule.max)}${where}`,
  ].filter((p): p is string => typeof p === "string");
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(" and ");
}

/** A column in Spark SQL. Contract names are snake_case and never reserved words; backticks all the same. */
const sqlColumn = (name: string) => `\`${name}\``;
const sqlString = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** The Spark SQL condition of a row that breaks a cross-column rule (the jobs evaluate the same condition). */
export function crossColumnViolation(rule: CompareRule | NullWhenRule | DurationRule): string {
  switch (rule.kind) {
    case "compare": {
      const [a, b] = [sqlColumn(rule.column), sqlColumn(rule.other)];
      return `${a} IS NOT NULL AND ${b} IS NOT NULL AND NOT (${a} ${rule.operator} ${b})`;
    }
    case "null_when": {
      // A null `when` holds none of the values.
      const holds = `COALESCE(${sqlColumn(rule.when)} IN (${rule.values.map(sqlString).join(", ")}), false)`;
      const column = sqlColumn(rule.column);
      return `(${holds} AND ${column} IS NOT NULL) OR (NOT ${holds} AND ${column} IS NULL)`;
    }
    case "duration": {
      const seconds = (name: string) => `CAST(CAST(${sqlColumn(name)} AS TIMESTAMP) AS DOUBLE)`;
      const present = [rule.column, rule.from, rule.to]
        .map((n) => `${sqlColumn(n)} IS NOT NULL`)
        .join(" AND ");
      const elapsed = `(${seconds(rule.to)} - ${seconds(rule.from)}) / ${DURATION_UNIT_SECONDS[rule.unit]}`;
      return `${present} AND ABS(${sqlColumn(rule.column)} - ${elapsed}) > ${DURATION_TOLERANCE}`;
    }
  }
}

function dqdlRule(rule: Rule, columns: ReadonlyMap<string, Column>): string | null {
  const column = "column" in rule ? columns.get(rule.column) : undefined;
  switch (rule.kind) {
    case "not_null":
      return `IsComplete ${quote(rule.column)}`;
    case "unique":
      return `IsUnique ${rule.columns.map(quote).join(" ")}`;
    case "range":
      return bounded("ColumnValues", column!, rule);
    case "length":
      return bounded("ColumnLength", column!, rule);
    case "allowed": {
      const values = [...rule.values.map(quote), ...(column!.nullable ? ["NULL"] : [])];
      return `ColumnValues ${quote(rule.column)} in [ ${values.join(", ")} ]`;
    }
    case "regex": {
      const where = column!.nullable ? ` where ${quote(`${rule.column} is not null`)}` : "";
      return `ColumnValues ${quote(rule.column)} matches ${quote(rule.pattern)}${where}`;
    }
    case "freshness":
      return `DataFreshness ${quote(rule.column)} <= ${String(rule.maxAgeHours)} hours`;
    case "row_count": {
      const parts = [
        rule.min !== undefined && `RowCount >= ${rule.min}`,
        rule.max !== undefined && `RowCount <= ${rule.max}`,
      ].filter((p): p is string => typeof p === "string");
      return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(" and ");
    }
    case "references":
      if (column?.nullable) return null;
      return `ReferentialIntegrity ${quote(rule.column)} ${quote(`${rule.dataset}.{${rule.datasetColumn}}`)} = 1.0`;
    case "compare":
    case "null_when":
    case "duration":
      return `CustomSql ${quote(`SELECT COUNT(*) FROM primary WHERE ${crossColumnViolation(rule)}`)} = 0`;
  }
}

/**
 * The DQDL ruleset of a contract: one DQDL rule per contract rule (in contract order), then IsComplete for each
 * non-nullable business column no not_null rule covers (the contract's implicit rule, checked again at rest).
 * A ReferentialIntegrity rule expects the referenced dataset passed to the evaluation under its name as alias.
 */
export function dqdlRuleset(c: DatasetContract): string {
  const rules = dqdlRules(c).map((r) => r.rule);
  // DQDL rejects an empty list; a contract with only nullable columns and no rules still gets a valid ruleset.
  const body = rules.length > 0 ? rules : ["RowCount >= 0"];
  return `Rules = [\n${body.map((r) => `  ${r}`).join(",\n")}\n]\n`;
}

/**
 * The rules of `dqdlRuleset` one by one with the severity of the contract rule each comes from (an implicit
 * IsComplete blocks): what an evaluation's caller needs to fail on blocking rules only, as the quality job does.
 */
export function dqdlRules(c: DatasetContract): { readonly rule: string; readonly severity: Severity }[] {
  const columns = new Map([...c.columns, ...c.auditColumns].map((col) => [col.name, col]));
  const explicit = c.rules.flatMap((r) => {
    const rule = dqdlRule(r, columns);
    return rule === null ? [] : [{ rule, severity: r.severity }];
  });
  const covered = new Set(c.rules.flatMap((r) => (r.kind === "not_null" ? [r.column] : [])));
  const implicit = c.columns
    .filter((col) => !col.nullable && !covered.has(col.name))
    .map((col) => ({ rule: `IsComplete ${quote(col.name)}`, severity: "blocking" as const }));
  return [...explicit, ...implicit];
}
