import { describe, expect, it } from "vitest";
import { goldNamedQueries, goldPreparedStatements } from "../src/athena-queries.js";
import { createExternalSchemaSql } from "../src/spectrum.js";

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

describe("createExternalSchemaSql", () => {
  const args = {
    schemaName: "gold",
    glueDatabase: "lake_prod_gold",
    roleArn: "arn:aws:iam::123456789012:role/lake-prod-spectrum",
    region: "eu-west-1",
  };

  it("maps the Glue database to a Redshift schema with the Spectrum role", () => {
    expect(createExternalSchemaSql(args)).toBe(
      "CREATE EXTERNAL SCHEMA IF NOT EXISTS gold\n" +
        "FROM DATA CATALOG DATABASE 'lake_prod_gold'\n" +
        "IAM_ROLE 'arn:aws:iam::123456789012:role/lake-prod-spectrum'\n" +
        "REGION 'eu-west-1';",
    );
  });

  it.each([
    [{ schemaName: "Gold" }, 'schemaName "Gold"'],
    [{ glueDatabase: "a'b" }, 'glueDatabase "a\'b"'],
    [{ roleArn: "arn:aws:iam::123:user/x" }, "is not an IAM role ARN"],
  ])("rejects %j", (override, message) => {
    expect(() => createExternalSchemaSql({ ...args, ...override })).toThrow(message);
  });
});
