import {
  createRegistry,
  defineDataset,
  dqdlRules,
  registry,
  type DatasetContract,
  type TableFormat,
} from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  deployedResources,
  orchestrationManifest,
  type DeployedNames,
  type PipelineSettings,
} from "../src/manifest.js";

/** A small gold contract derived from `derivedFrom`. */
function gold(name: string, derivedFrom: string[], format: TableFormat = "iceberg"): DatasetContract {
  return defineDataset({
    name,
    layer: "gold",
    format,
    domain: "analytics",
    description: `${name} for the manifest tests.`,
    owner: "analytics-data@example.com",
    derivedFrom,
    primaryKey: ["customer_id"],
    partitionKeys: [],
    columns: z.object({ customer_id: z.string().meta({ description: "Customer." }) }),
  });
}

const twoGold = createRegistry([
  ...registry.byLayer("silver"),
  gold("web_activity", ["web_events"]),
  gold("support_load", ["support_tickets", "customers"], "delta"),
  gold("daily_counts", ["web_events"], "parquet"),
]);

/** Every dataset deployed under a name that says what it is. */
function names(r = registry, overrides: Partial<DeployedNames> = {}): DeployedNames {
  const per = (datasets: readonly DatasetContract[], kind: string) =>
    Object.fromEntries(datasets.map((c) => [c.name, `${kind}-${c.name}`]));
  return {
    crawlerNames: per(r.withSource(), "crawler"),
    bronzeToSilverJobs: per(r.withSource(), "b2s"),
    qualityJobs: per(r.withSource(), "quality"),
    silverToGoldJobs: per(r.byLayer("gold"), "s2g"),
    rulesetNames: per(r.withSource(), "ruleset"),
    dataQualityRoles: per(r.withSource(), "arn:aws:iam::123456789012:role/dq"),
    silverDatabaseName: "lake_dev_silver",
    ...overrides,
  };
}

const SETTINGS: PipelineSettings = {
  schedule: "0 2 * * *",
  environment: "dev",
  owner: "data-platform",
  startDate: "2024-01-01",
  taskDefaults: {
    retries: 2,
    retryDelaySeconds: 300,
    maxRetryDelaySeconds: 3600,
    executionTimeoutSeconds: {
      glue_crawler: 3600,
      glue_job: 10800,
      glue_data_quality: 3600,
      not_deployed: 60,
    },
    pollIntervalSeconds: { glue_crawler: 30, glue_job: 60, glue_data_quality: 60, not_deployed: 1 },
  },
  maintenance: { schedule: "0 5 * * 0", retainDays: 7, retainLast: 5, orphanDays: 3 },
};
const upstreamOf = (m: ReturnType<typeof orchestrationManifest>) =>
  Object.fromEntries(m.tasks.map((t) => [t.taskId, t.upstream]));

describe("orchestrationManifest", () => {
  const manifest = orchestrationManifest(registry, names(), SETTINGS);

  it("crawls, transforms and checks every source in that order, with the deployed names", () => {
    const customers = manifest.tasks.filter((t) => t.dataset === "customers");
    expect(customers).toEqual([
      {
        taskId: "crawl_customers",
        dataset: "customers",
        layer: "bronze",
        upstream: [],
        type: "glue_crawler",
        crawlerName: "crawler-customers",
      },
      {
        taskId: "bronze_to_silver_customers",
        dataset: "customers",
        layer: "silver",
        upstream: ["crawl_customers"],
        type: "glue_job",
        job: "bronze_to_silver",
        jobName: "b2s-customers",
        arguments: { "--run-date": "{{ ds }}" },
      },
      {
        taskId: "quality_customers",
        dataset: "customers",
        layer: "silver",
        upstream: ["bronze_to_silver_customers"],
        type: "glue_job",
        job: "quality",
        jobName: "quality-customers",
        arguments: { "--run-date": "{{ ds }}" },
      },
      {
        taskId: "data_quality_customers",
        dataset: "customers",
        layer: "silver",
        upstream: ["bronze_to_silver_customers"],
        type: "glue_data_quality",
        rulesetName: "ruleset-customers",
        roleArn: "arn:aws:iam::123456789012:role/dq-customers",
        databaseName: "lake_dev_silver",
        tableName: "customers",
        referencedTables: {},
        warningRules: dqdlRules(registry.get("customers"))
          .filter((r) => r.severity === "warning")
          .map((r) => r.rule),
        predicates: { customers: "lake_ingest_date = '{{ ds }}'" },
      },
    ]);
  });

  it("passes the tables a ruleset's references rules read, under the dataset name its DQDL uses as alias", () => {
    const check = manifest.tasks.find((t) => t.taskId === "data_quality_support_tickets");
    expect(check).toMatchObject({
      type: "glue_data_quality",
      tableName: "support_tickets",
      referencedTables: Object.fromEntries(
        registry.referencesOf(registry.get("support_tickets")).map((r) => [r.name, r.name]),
      ),
    });
    expect(check?.type === "glue_data_quality" && Object.keys(check.referencedTables)).toContain("customers");
    // Its references rule is a warning: Glue's result for it must not fail the task.
    // The run's day of the table, every day up to it of the referenced one (as the quality job reads them).
    expect(check).toMatchObject({
      predicates: {
        support_tickets: "lake_ingest_date = '{{ ds }}'",
        customers: "lake_ingest_date <= '{{ ds }}'",
      },
    });
    const warnings = check?.type === "glue_data_quality" ? check.warningRules : [];
    expect(warnings).toContain('ReferentialIntegrity "customer_id" "customers.{customer_id}" = 1.0');
    const blocking = dqdlRules(registry.get("support_tickets")).filter((r) => r.severity === "blocking");
    expect(blocking.length).toBeGreaterThan(0);
    for (const r of blocking) expect(warnings).not.toContain(r.rule);
  });

  it("builds customer_360 after both quality checks of every source it is derived from, in its contract's order", () => {
    expect(upstreamOf(manifest)["silver_to_gold_customer_360"]).toEqual(
      registry.get("customer_360").derivedFrom.flatMap((d) => [`quality_${d}`, `data_quality_${d}`]),
    );
  });

  it("makes each gold build wait for the quality tasks of its inputs only", () => {
    const upstream = upstreamOf(orchestrationManifest(twoGold, names(twoGold), SETTINGS));
    expect(upstream["silver_to_gold_web_activity"]).toEqual([
      "quality_web_events",
      "data_quality_web_events",
    ]);
    expect(upstream["silver_to_gold_support_load"]).toEqual([
      "quality_support_tickets",
      "data_quality_support_tickets",
      "quality_customers",
      "data_quality_customers",
    ]);
  });

  it("maintains every Iceberg and Delta table on its own schedule, each task on its own, with the retention", () => {
    const m = orchestrationManifest(twoGold, names(twoGold), SETTINGS).maintenance;
    expect(m).toMatchObject({ dagId: "lake_maintenance", schedule: "0 5 * * 0" });
    const maintained = twoGold
      .all()
      .filter((c) => c.format === "iceberg" || c.format === "delta")
      .map((c) => `maintain_${c.name}`);
    expect(maintained).toEqual(expect.arrayContaining(["maintain_web_activity", "maintain_support_load"]));
    expect(m.tasks.map((t) => t.taskId)).toEqual(maintained);
    expect(m.tasks.map((t) => t.taskId)).not.toContain("maintain_daily_counts");
    for (const t of m.tasks) {
      expect(t).toMatchObject({
        type: "not_deployed",
        job: "maintenance",
        upstream: [],
        arguments: {
          "--run-date": "{{ ds }}",
          "--retain-days": "7",
          "--retain-last": "5",
          "--orphan-days": "3",
        },
      });
      expect(t.type === "not_deployed" && t.reason).toMatch(/no stack deploys a maintenance job/);
    }
  });

  it("marks a gold table's quality not deployed while infra-gold has no quality job, and runs it once it has", () => {
    const check = manifest.tasks.find((t) => t.taskId === "quality_customer_360");
    expect(check).toMatchObject({ type: "not_deployed", job: "quality", layer: "gold" });
    expect(check?.type === "not_deployed" && check.reason).toMatch(
      /infra-gold deploys no quality job for customer_360/,
    );
    const deployed = orchestrationManifest(
      registry,
      names(registry, { goldQualityJobs: { customer_360: "quality-customer_360" } }),
      SETTINGS,
    );
    expect(deployed.tasks.find((t) => t.taskId === "quality_customer_360")).toMatchObject({
      type: "glue_job",
      jobName: "quality-customer_360",
    });
  });

  it.each([
    [{ crawlerNames: {} }, "dataset customers: infra-bronze's crawlerNames has no crawler for it"],
    [{ qualityJobs: {} }, "dataset customers: infra-silver's qualityJobs has no Glue job for it"],
    [{ rulesetNames: {} }, "dataset customers: infra-silver's rulesetNames has no ruleset for it"],
    [
      { dataQualityRoles: {} },
      "dataset customers: infra-silver's dataQualityRoles has no evaluation role for it",
    ],
    [{ silverToGoldJobs: {} }, "dataset customer_360: infra-gold's silverToGoldJobs has no Glue job for it"],
  ])("names the dataset a layer stack deployed nothing for (%j)", (overrides, message) => {
    expect(() => orchestrationManifest(registry, names(registry, overrides), SETTINGS)).toThrow(message);
  });

  it("depends only on tasks the manifest has, and names every crawler and job the role may run", () => {
    for (const r of [registry, twoGold]) {
      const m = orchestrationManifest(r, names(r), SETTINGS);
      const ids = new Set(m.tasks.map((t) => t.taskId));
      expect(m.tasks.flatMap((t) => t.upstream).filter((u) => !ids.has(u))).toEqual([]);
    }
    const { crawlers, jobs, rulesets, dataQualityRoles } = deployedResources(manifest);
    expect(crawlers).toHaveLength(registry.withSource().length);
    expect(jobs).toHaveLength(2 * registry.withSource().length + registry.byLayer("gold").length);
    expect(rulesets).toEqual(registry.withSource().map((c) => `ruleset-${c.name}`));
    expect(dataQualityRoles).toEqual(
      registry.withSource().map((c) => `arn:aws:iam::123456789012:role/dq-${c.name}`),
    );
  });

  it("carries the settings every task gets and the DAG's identity", () => {
    expect(manifest).toMatchObject({
      manifestVersion: 1,
      dagId: "lake_medallion",
      schedule: "0 2 * * *",
      tags: ["lake", "medallion", "dev"],
      taskDefaults: SETTINGS.taskDefaults,
    });
  });
});
