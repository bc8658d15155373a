import { registry } from "@lake/schemas";
import { stackHarness } from "@lake/pulumi-mocks";
import { beforeAll, describe, expect, it } from "vitest";

const harness = stackHarness(new URL("..", import.meta.url));

describe("airflow-dags stack", () => {
  let stack: typeof import("../src/index.js");

  beforeAll(async () => {
    // Mocks and config must be in place before the program is imported, or its outputs never resolve.
    await harness.start("prod");
    stack = await import("../src/index.js");
  });

  it("exports a manifest with the three tasks of every source and the gold builds after their inputs", () => {
    const sources = registry.withSource().map((c) => c.name);
    expect(stack.manifest.schedule).toBe(harness.config("prod")["airflow-dags:schedule"]);
    expect(stack.manifest.sources.map((s) => s.dataset)).toEqual(sources);
    expect(stack.manifest.sources.find((s) => s.dataset === "customers")?.tasks).toEqual([
      "crawl_customers",
      "bronze_to_silver_customers",
      "quality_customers",
    ]);
    expect(stack.manifest.gold).toEqual([
      {
        dataset: "customer_360",
        tasks: ["silver_to_gold_customer_360", "quality_customer_360"],
        dependsOn: registry.get("customer_360").derivedFrom.map((name) => `quality_${name}`),
      },
    ]);
  });
});
