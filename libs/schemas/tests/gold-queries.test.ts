import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  athenaNamedQueries,
  athenaPreparedStatements,
  athenaTableReference,
  checkGoldQueries,
  createRegistry,
  defineDataset,
  GOLD_QUERIES,
  goldQueriesOf,
  registry,
  sparkQueriesJson,
  sparkQuerySql,
  sparkQueryTemplate,
  type GoldQuery,
} from "../src/index.js";
import { contractErrorOf, d, goldDefinition, silverDefinition } from "./helpers/definitions.js";

const [topSegments, customerSummary] = GOLD_QUERIES as [GoldQuery, GoldQuery];
const NEWEST = '(SELECT max(snapshot_date) FROM "lake_dev_gold"."customer_360")';

describe("the gold queries", () => {
  it("read gold datasets of the registry and name their result columns in the select list", () => {
    expect(() => checkGoldQueries(registry)).not.toThrow();
    for (const q of GOLD_QUERIES) {
      const select = q.sql.slice(0, q.sql.indexOf("FROM"));
      for (const column of q.columns)
        expect(select, `${q.name}.${column}`).toMatch(new RegExp(`\\b${column}\\b`));
    }
    expect(goldQueriesOf("customer_360").map((q) => q.name)).toEqual(["top_segments", "customer_summary"]);
    expect(goldQueriesOf("customers")).toEqual([]);
  });

  it("spell the lifetime value aliases one way", () => {
    expect(topSegments.columns).toContain("total_lifetime_value");
    expect(customerSummary.columns).toContain("avg_lifetime_value");
    expect(GOLD_QUERIES.map((q) => q.sql).join("\n")).not.toMatch(/_ltv\b/);
  });
});

describe("athenaNamedQueries", () => {
  const named = athenaNamedQueries("lake_dev_gold");

  it("save every query over the newest snapshot instead of today's date", () => {
    expect(named.map((q) => q.name)).toEqual(["top_segments_latest", "customer_summary_latest"]);
    for (const q of named) {
      expect(q.sql).not.toMatch(/CURRENT_DATE|\{\{/i);
      expect(q.sql).toContain(`FROM "lake_dev_gold"."customer_360"\nWHERE snapshot_date = ${NEWEST}`);
    }
    expect(named[0]).toEqual({
      name: "top_segments_latest",
      description: "Customers and lifetime value of the VIP and High Value segments in the newest snapshot",
      sql: [
        "SELECT customer_segment, COUNT(*) AS customer_count, SUM(lifetime_value) AS total_lifetime_value",
        'FROM "lake_dev_gold"."customer_360"',
        `WHERE snapshot_date = ${NEWEST}`,
        "  AND customer_segment IN ('VIP', 'High Value')",
        "GROUP BY customer_segment",
        "ORDER BY customer_segment",
      ].join("\n"),
    });
  });

  it("save the seed's materialized view as a named query, not as DDL Athena rejects", () => {
    const summary = named.find((q) => q.name === "customer_summary_latest");
    expect(summary?.sql).toMatch(/^SELECT customer_segment, churn_risk_category/);
    expect(named.map((q) => q.sql).join("\n")).not.toMatch(/MATERIALIZED|ANALYZE/i);
  });
});

describe("athenaPreparedStatements", () => {
  it("parameterize the snapshot date of the queries marked for it, so partitions are pruned", () => {
    const statements = athenaPreparedStatements("lake_dev_gold");
    expect(statements.map((s) => s.name)).toEqual(["top_segments_on"]);
    expect(statements[0]?.description).toBe(
      "Customers and lifetime value of the VIP and High Value segments on the given snapshot date",
    );
    expect(statements[0]?.sql).toContain('FROM "lake_dev_gold"."customer_360"\nWHERE snapshot_date = ?\n');
    expect(statements[0]?.sql).toContain("customer_segment IN ('VIP', 'High Value')");
  });
});

describe("sparkQuerySql", () => {
  it.each([
    ["lake.gold.customer_360", "2024-03-31"],
    ["gold.customer_360", "2024-02-29"],
    ["customer_360", "2025-12-01"],
  ])("renders %s on %s as a DATE literal", (table, snapshotDate) => {
    for (const q of GOLD_QUERIES) {
      const sql = sparkQuerySql(q, { table, snapshotDate });
      expect(sql).toContain(`FROM ${table}\nWHERE snapshot_date = DATE '${snapshotDate}'`);
      expect(sql).not.toMatch(/\{\{|\$\{/);
    }
  });

  it("fills the template the demo reads from queries.json", () => {
    const json = sparkQueriesJson("customer_360");
    expect(json.placeholders).toEqual({ table: "${TABLE}", snapshotDate: "${SNAPSHOT_DATE}" });
    expect(json.queries.map((q) => q.name)).toEqual(["top_segments", "customer_summary"]);
    for (const [i, q] of GOLD_QUERIES.entries()) {
      const filled = json.queries[i]!.sql.replaceAll("${TABLE}", "t").replaceAll(
        "${SNAPSHOT_DATE}",
        "2024-03-31",
      );
      expect(filled).toBe(sparkQuerySql(q, { table: "t", snapshotDate: "2024-03-31" }));
      expect(json.queries[i]!.sql).toBe(sparkQueryTemplate(q));
      expect(json.queries[i]!.columns).toEqual(q.columns);
    }
  });
});

describe("names and dates that are refused", () => {
  it.each([
    ["Gold-DB", "customer_360", 'Athena database name "Gold-DB"'],
    ['x"; DROP TABLE y; --', "customer_360", 'Athena database name "x\\"; DROP TABLE y; --"'],
    ["gold", "customer 360", 'Athena table name "customer 360"'],
    ["", "customer_360", 'Athena database name ""'],
  ])("athenaTableReference(%j, %j)", (database, table, message) => {
    expect(() => athenaTableReference(database, table)).toThrow(message);
    expect(() => athenaNamedQueries(database, [{ ...topSegments, dataset: table }])).toThrow(message);
    expect(() => athenaPreparedStatements(database, [{ ...topSegments, dataset: table }])).toThrow(message);
  });

  it.each([
    [{ table: "lake.gold.customer_360; DROP TABLE x", snapshotDate: "2024-03-31" }, "Spark table name"],
    [{ table: "a.b.c.d", snapshotDate: "2024-03-31" }, "has more than three parts"],
    [{ table: "lake..customer_360", snapshotDate: "2024-03-31" }, 'Spark table name ""'],
    [{ table: "delta.`/lake/gold/x`", snapshotDate: "2024-03-31" }, "Spark table name"],
    [{ table: "lake.gold.customer_360", snapshotDate: "2024-02-30" }, 'snapshot date "2024-02-30"'],
    [{ table: "lake.gold.customer_360", snapshotDate: "2024-3-31" }, 'snapshot date "2024-3-31"'],
    [{ table: "lake.gold.customer_360", snapshotDate: "2024-03-31' OR '1'='1" }, "is not a calendar date"],
  ])("sparkQuerySql(%j)", (target, message) => {
    expect(() => sparkQuerySql(topSegments, target)).toThrow(message);
  });
});

describe("checkGoldQueries", () => {
  const orders = defineDataset(silverDefinition());
  const snapshotGold = defineDataset(
    goldDefinition({
      primaryKey: ["customer_id", "snapshot_date"],
      partitionKeys: ["snapshot_date"],
      columns: z.object({
        customer_id: z.string().meta(d("Customer.")),
        snapshot_date: z.iso.date().meta(d("Snapshot day.")),
      }),
    }),
  );
  const dayGold = defineDataset(goldDefinition({ name: "order_days" }));
  const withGold = createRegistry([orders, snapshotGold, dayGold]);
  const query = (overrides: Partial<GoldQuery>): GoldQuery => ({
    ...topSegments,
    dataset: "order_summary",
    ...overrides,
  });

  it("accepts a query over a gold table with a snapshot column", () => {
    expect(() => checkGoldQueries(withGold, [query({})])).not.toThrow();
  });

  it.each([
    [query({ dataset: "refunds" }), 'The query reads dataset "refunds", which is not in the registry.'],
    [
      query({ dataset: "orders" }),
      'The query reads "orders", a silver table; gold queries read gold tables.',
    ],
    [query({ dataset: "order_days" }), '"order_days" has no snapshot_date column'],
    [query({ sql: "SELECT 1 FROM {{table}}" }), "The SQL has no {{snapshot}} placeholder."],
    [query({ sql: "SELECT 1 WHERE snapshot_date = {{snapshot}}" }), "The SQL has no {{table}} placeholder."],
    [query({ name: "Top Segments" }), 'The query name "Top Segments" is not snake_case.'],
  ])("refuses %#, naming the query and its dataset", (bad, message) => {
    const error = contractErrorOf(() => checkGoldQueries(withGold, [bad]));
    expect(error.message).toContain(message);
    expect(error.dataset).toBe(bad.dataset);
    expect(error.field).toBe(`goldQueries.${bad.name}`);
  });

  it("refuses a name used twice", () => {
    const error = contractErrorOf(() => checkGoldQueries(withGold, [query({}), query({})]));
    expect(error.message).toContain('The query name "top_segments" is used twice.');
  });

  it("refuses the seed queries when the registry lacks customer_360, listing the gold datasets", () => {
    const error = contractErrorOf(() => checkGoldQueries(createRegistry([orders, snapshotGold])));
    expect(error.problems).toHaveLength(GOLD_QUERIES.length);
    expect(error.message).toContain('dataset "customer_360", field "goldQueries.top_segments"');
    expect(error.message).toContain("Fix: Use one of the gold datasets: order_summary.");
  });
});
