// The seed's Athena queries, made correct for Athena: no CURRENT_DATE (the newest snapshot is the one the
// silver -> gold job last wrote, not today's date), no ANALYZE (Athena has no such statement; column statistics
// come from Glue's column statistics tasks) and no materialized view (Athena has none).

export interface AthenaQuery {
  /** Logical name, also the named query's or prepared statement's name. */
  readonly name: string;
  readonly description: string;
  readonly sql: string;
}

const GLUE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoted(database: string, table: string): string {
  for (const [what, value] of [
    ["database", database],
    ["table", table],
  ] as const) {
    if (!GLUE_IDENTIFIER.test(value)) {
      throw new Error(`Athena ${what} name "${value}" must be lowercase letters, digits and underscores`);
    }
  }
  return `"${database}"."${table}"`;
}

/** The newest snapshot: the partition the silver -> gold job wrote last. */
function latestSnapshot(table: string): string {
  return `(SELECT max(snapshot_date) FROM ${table})`;
}

/**
 * Named queries saved in each workgroup. `customer_summary` is the seed's "materialized view": Athena cannot
 * materialize one, and a view would be recomputed on every read just like this query, so it is saved as a named
 * query over the newest snapshot (a dashboard that needs it precomputed reads a gold table the job writes).
 */
export function goldNamedQueries(database: string, table = "customer_360"): AthenaQuery[] {
  const source = quoted(database, table);
  return [
    {
      name: "top_segments_latest",
      description: "Customers and lifetime value of the VIP and High Value segments in the newest snapshot",
      sql: [
        "SELECT customer_segment, COUNT(*) AS customer_count, SUM(lifetime_value) AS total_ltv",
        `FROM ${source}`,
        `WHERE snapshot_date = ${latestSnapshot(source)}`,
        "  AND customer_segment IN ('VIP', 'High Value')",
        "GROUP BY customer_segment",
        "ORDER BY customer_segment",
      ].join("\n"),
    },
    {
      name: "customer_summary_latest",
      description:
        "Customers, average lifetime value and 30-day revenue by segment and churn risk, newest snapshot",
      sql: [
        "SELECT customer_segment, churn_risk_category, COUNT(*) AS customer_count,",
        "       AVG(lifetime_value) AS avg_ltv, SUM(revenue_last_30_days) AS total_revenue_30d",
        `FROM ${source}`,
        `WHERE snapshot_date = ${latestSnapshot(source)}`,
        "GROUP BY customer_segment, churn_risk_category",
        "ORDER BY customer_segment, churn_risk_category",
      ].join("\n"),
    },
  ];
}

/**
 * The same segment query for a given snapshot, as a prepared statement: `EXECUTE top_segments_on USING DATE
 * '2025-01-31'`. A literal date lets Athena prune to that snapshot's partitions before reading any data.
 */
export function goldPreparedStatements(database: string, table = "customer_360"): AthenaQuery[] {
  const source = quoted(database, table);
  return [
    {
      name: "top_segments_on",
      description:
        "Customers and lifetime value of the VIP and High Value segments on the given snapshot date",
      sql: [
        "SELECT customer_segment, COUNT(*) AS customer_count, SUM(lifetime_value) AS total_ltv",
        `FROM ${source}`,
        "WHERE snapshot_date = ?",
        "  AND customer_segment IN ('VIP', 'High Value')",
        "GROUP BY customer_segment",
        "ORDER BY customer_segment",
      ].join("\n"),
    },
  ];
}
