// The analytical queries over the gold layer, written once and rendered per engine: Athena (the gold stack's named
// queries and prepared statements) and Spark SQL (the local demo, through dist/schemas/<dataset>/queries.json).
// The SQL is the subset both engines read alike (Athena engine version 3 is Trino; Spark 3.5); only the table
// reference and the snapshot date differ, and each renderer fills those two placeholders. Not in here, from the
// seed: CURRENT_DATE (the newest snapshot is the one the silver -> gold job last wrote, not today), ANALYZE (Athena
// has no such statement; column statistics come from Glue) and a materialized view (Athena has none; the summary
// is a saved query over the newest snapshot).
import { ContractError, type ContractProblem } from "../errors.js";
import type { DatasetRegistry } from "../registry.js";

/** Where the table reference goes in a query's SQL. */
export const TABLE_PLACEHOLDER = "{{table}}";
/** Where the snapshot date goes: a value of the `snapshot_date` column (a subquery, `?` or a DATE literal). */
export const SNAPSHOT_PLACEHOLDER = "{{snapshot}}";
/** The partition column every gold query selects its snapshot by. */
export const SNAPSHOT_COLUMN = "snapshot_date";

export interface GoldQuery {
  /** snake_case. Athena saves it as the named query `<name>_latest` and the prepared statement `<name>_on`. */
  readonly name: string;
  /** What the query answers, without the snapshot it reads (each renderer says which). */
  readonly description: string;
  /** The gold dataset it reads. */
  readonly dataset: string;
  /** The result columns, in order. */
  readonly columns: readonly string[];
  /** The SQL with {@link TABLE_PLACEHOLDER} and {@link SNAPSHOT_PLACEHOLDER}. */
  readonly sql: string;
  /** Also saved in Athena as a prepared statement that takes the snapshot date as its parameter. */
  readonly preparedStatement: boolean;
}

export const GOLD_QUERIES: readonly GoldQuery[] = [
  {
    name: "top_segments",
    description: "Customers and lifetime value of the VIP and High Value segments",
    dataset: "customer_360",
    columns: ["customer_segment", "customer_count", "total_lifetime_value"],
    sql: [
      "SELECT customer_segment, COUNT(*) AS customer_count, SUM(lifetime_value) AS total_lifetime_value",
      `FROM ${TABLE_PLACEHOLDER}`,
      `WHERE snapshot_date = ${SNAPSHOT_PLACEHOLDER}`,
      "  AND customer_segment IN ('VIP', 'High Value')",
      "GROUP BY customer_segment",
      "ORDER BY customer_segment",
    ].join("\n"),
    preparedStatement: true,
  },
  {
    name: "customer_summary",
    description: "Customers, average lifetime value and 30-day revenue by segment and churn risk",
    dataset: "customer_360",
    columns: [
      "customer_segment",
      "churn_risk_category",
      "customer_count",
      "avg_lifetime_value",
      "total_revenue_30d",
    ],
    sql: [
      "SELECT customer_segment, churn_risk_category, COUNT(*) AS customer_count,",
      "       CAST(AVG(lifetime_value) AS DECIMAL(18,2)) AS avg_lifetime_value,",
      "       SUM(revenue_last_30_days) AS total_revenue_30d",
      `FROM ${TABLE_PLACEHOLDER}`,
      `WHERE snapshot_date = ${SNAPSHOT_PLACEHOLDER}`,
      "GROUP BY customer_segment, churn_risk_category",
      "ORDER BY customer_segment, churn_risk_category",
    ].join("\n"),
    preparedStatement: false,
  },
];

/** A query as an engine stores or runs it. */
export interface RenderedQuery {
  readonly name: string;
  readonly description: string;
  readonly sql: string;
}

const NAME = /^[a-z_][a-z0-9_]*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkedName(what: string, value: string): string {
  if (!NAME.test(value)) {
    throw new Error(
      `${what} name ${JSON.stringify(value)} must be lowercase letters, digits and underscores`,
    );
  }
  return value;
}

function fill(query: GoldQuery, table: string, snapshot: string): string {
  return query.sql.replaceAll(TABLE_PLACEHOLDER, table).replaceAll(SNAPSHOT_PLACEHOLDER, snapshot);
}

/** `"<database>"."<table>"`, refusing names that are not plain Glue identifiers (the SQL is plain text). */
export function athenaTableReference(database: string, table: string): string {
  return `"${checkedName("Athena database", database)}"."${checkedName("Athena table", table)}"`;
}

/** Every query over the newest snapshot, as the workgroups' named queries (`<name>_latest`). */
export function athenaNamedQueries(
  database: string,
  queries: readonly GoldQuery[] = GOLD_QUERIES,
): RenderedQuery[] {
  return queries.map((q) => {
    const table = athenaTableReference(database, q.dataset);
    return {
      name: `${q.name}_latest`,
      description: `${q.description} in the newest snapshot`,
      sql: fill(q, table, `(SELECT max(${SNAPSHOT_COLUMN}) FROM ${table})`),
    };
  });
}

/**
 * The queries marked `preparedStatement`, for a given snapshot (`<name>_on`): `EXECUTE top_segments_on USING DATE
 * '2025-01-31'`. A literal date lets Athena prune to that snapshot's partitions before reading any data.
 */
export function athenaPreparedStatements(
  database: string,
  queries: readonly GoldQuery[] = GOLD_QUERIES,
): RenderedQuery[] {
  return queries
    .filter((q) => q.preparedStatement)
    .map((q) => ({
      name: `${q.name}_on`,
      description: `${q.description} on the given snapshot date`,
      sql: fill(q, athenaTableReference(database, q.dataset), "?"),
    }));
}

/** The placeholders of {@link sparkQueryTemplate}, substituted by whoever runs it (like `${LAKE_ROOT}` in DDL). */
export const SPARK_TABLE_PLACEHOLDER = "${TABLE}";
export const SPARK_SNAPSHOT_DATE_PLACEHOLDER = "${SNAPSHOT_DATE}";

/** Spark SQL with `${TABLE}` for the table and `${SNAPSHOT_DATE}` (`YYYY-MM-DD`) inside a DATE literal. */
export function sparkQueryTemplate(query: GoldQuery): string {
  return fill(query, SPARK_TABLE_PLACEHOLDER, `DATE '${SPARK_SNAPSHOT_DATE_PLACEHOLDER}'`);
}

/** `catalog.database.table`, `database.table` or `table`, each part a plain identifier. */
function checkedSparkTable(table: string): string {
  const parts = table.split(".");
  if (parts.length > 3)
    throw new Error(`Spark table name ${JSON.stringify(table)} has more than three parts`);
  for (const part of parts) checkedName("Spark table", part);
  return table;
}

function checkedDate(value: string): string {
  const m = ISO_DATE.exec(value);
  const parsed = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!parsed || parsed.toISOString().slice(0, 10) !== value) {
    throw new Error(`snapshot date ${JSON.stringify(value)} is not a calendar date written YYYY-MM-DD`);
  }
  return value;
}

/** A query as Spark SQL over one snapshot of the given table. */
export function sparkQuerySql(
  query: GoldQuery,
  target: { readonly table: string; readonly snapshotDate: string },
): string {
  return sparkQueryTemplate(query)
    .replaceAll(SPARK_TABLE_PLACEHOLDER, checkedSparkTable(target.table))
    .replaceAll(SPARK_SNAPSHOT_DATE_PLACEHOLDER, checkedDate(target.snapshotDate));
}

/** The queries that read `dataset`, in declaration order. */
export function goldQueriesOf(dataset: string, queries: readonly GoldQuery[] = GOLD_QUERIES): GoldQuery[] {
  return queries.filter((q) => q.dataset === dataset);
}

/** `dist/schemas/<dataset>/queries.json` (CONTRACT.md). */
export interface SparkQueriesJson {
  readonly dataset: string;
  readonly placeholders: { readonly table: string; readonly snapshotDate: string };
  readonly queries: readonly {
    readonly name: string;
    readonly description: string;
    readonly columns: readonly string[];
    readonly sql: string;
  }[];
}

/** The Spark rendering of the queries that read `dataset`, for the local runs to fill and execute. */
export function sparkQueriesJson(
  dataset: string,
  queries: readonly GoldQuery[] = GOLD_QUERIES,
): SparkQueriesJson {
  return {
    dataset,
    placeholders: { table: SPARK_TABLE_PLACEHOLDER, snapshotDate: SPARK_SNAPSHOT_DATE_PLACEHOLDER },
    queries: goldQueriesOf(dataset, queries).map((q) => ({
      name: q.name,
      description: q.description,
      columns: [...q.columns],
      sql: sparkQueryTemplate(q),
    })),
  };
}

/**
 * Each query must read a gold dataset of the registry that has the snapshot column, carry both placeholders and a
 * unique snake_case name; throws one ContractError listing every problem.
 */
export function checkGoldQueries(
  registry: DatasetRegistry,
  queries: readonly GoldQuery[] = GOLD_QUERIES,
): void {
  const gold = registry.byLayer("gold");
  const goldNames = gold.map((c) => c.name).join(", ") || "none";
  const problems: ContractProblem[] = [];
  const seen = new Set<string>();
  for (const q of queries) {
    const at = { dataset: q.dataset, field: `goldQueries.${q.name}` };
    if (!NAME.test(q.name) || seen.has(q.name)) {
      problems.push({
        ...at,
        message: `The query name "${q.name}" is ${seen.has(q.name) ? "used twice" : "not snake_case"}.`,
        fix: "Give each query its own lowercase snake_case name.",
      });
    }
    seen.add(q.name);
    const target = registry.all().find((c) => c.name === q.dataset);
    if (!target || target.layer !== "gold") {
      problems.push({
        ...at,
        message: target
          ? `The query reads "${q.dataset}", a ${target.layer} table; gold queries read gold tables.`
          : `The query reads dataset "${q.dataset}", which is not in the registry.`,
        fix: `Use one of the gold datasets: ${goldNames}.`,
      });
    } else if (!target.columns.some((c) => c.name === SNAPSHOT_COLUMN)) {
      problems.push({
        ...at,
        message: `"${q.dataset}" has no ${SNAPSHOT_COLUMN} column to select the snapshot by.`,
        fix: `Query a gold table partitioned by ${SNAPSHOT_COLUMN}.`,
      });
    }
    for (const placeholder of [TABLE_PLACEHOLDER, SNAPSHOT_PLACEHOLDER]) {
      if (!q.sql.includes(placeholder)) {
        problems.push({
          ...at,
          message: `The SQL has no ${placeholder} placeholder.`,
          fix: `Write ${placeholder} where the renderers put the table and the snapshot date.`,
        });
      }
    }
  }
  if (problems.length > 0) throw new ContractError(problems);
}
