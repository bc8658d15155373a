import { describe, expect, it } from "vitest";
import { goldNamedQueries, goldPreparedStatements } from "../src/athena-queries.js";

describe("gold Athena queries", () => {
  const named = goldNamedQueries("lake_dev_gold");

  it("filter on the newest snapshot instead of today's date", () => {
    for (const q of named) {
      expect(q.sql).not.toMatch(/CURRENT_DATE/i);
      expect(q.sql).toContain(
        'WHERE snapshot_date = (SELECT max(snapshot_date) FROM "lake_dev_gold"."customer_360")',
      );
    }
  });

  it("save the seed's materialized view as a named query, not as DDL Athena rejects", () => {
    const summary = named.find((q) => q.name === "customer_summary_latest");
    expect(summary?.sql).toMatch(/^SELECT customer_segment, churn_risk_category/);
    expect(named.map((q) => q.sql).join("\n")).not.toMatch(/MATERIALIZED|ANALYZE/i);
  });

  it("parameterize the snapshot date in the prepared statement so partitions are pruned", () => {
    const [statement] = goldPreparedStatements("lake_dev_gold");
    expect(statement?.sql).toContain("WHERE snapshot_date = ?");
    expect(statement?.sql).toContain("customer_segment IN ('VIP', 'High Value')");
  });

  it.each([["Gold-DB"], ['x"; DROP TABLE y; --']])("reject the database name %j", (database) => {
    expect(() => goldNamedQueries(database)).toThrow(`Athena database name "${database}"`);
  });
});
