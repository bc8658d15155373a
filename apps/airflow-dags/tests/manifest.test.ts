import { createRegistry, defineDataset, registry, type DatasetContract } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { orchestrationManifest } from "../src/manifest.js";

/** A small gold contract derived from `derivedFrom`. */
function gold(name: string, derivedFrom: string[]): DatasetContract {
  return defineDataset({
    name,
    layer: "gold",
    domain: "analytics",
    description: `${name} for the manifest tests.`,
    owner: "analytics-data@example.com",
    derivedFrom,
    primaryKey: ["customer_id"],
    partitionKeys: [],
    columns: z.object({ customer_id: z.string().meta({ description: "Customer." }) }),
  });
}

const seedSilver = registry.byLayer("silver");
const twoGold = createRegistry([
  ...seedSilver,
  gold("web_activity", ["web_events"]),
  gold("support_load", ["support_tickets", "customers"]),
]);

describe("orchestrationManifest", () => {
  it("makes each gold build wait for the quality tasks of its inputs only", () => {
    expect(orchestrationManifest(twoGold, "0 2 * * *").gold).toEqual([
      {
        dataset: "support_load",
        tasks: ["silver_to_gold_support_load", "quality_support_load"],
        dependsOn: ["quality_support_tickets", "quality_customers"],
      },
      {
        dataset: "web_activity",
        tasks: ["silver_to_gold_web_activity", "quality_web_activity"],
        dependsOn: ["quality_web_events"],
      },
    ]);
  });

  it("waits for every source of customer_360, in the order its contract lists them", () => {
    const [c360] = orchestrationManifest(registry, "0 2 * * *").gold;
    expect(c360?.dependsOn).toEqual([
      "quality_customers",
      "quality_transactions",
      "quality_support_tickets",
      "quality_web_events",
    ]);
  });

  it("depends only on tasks the manifest has", () => {
    for (const r of [registry, twoGold]) {
      const manifest = orchestrationManifest(r, "0 2 * * *");
      const tasks = new Set(manifest.sources.flatMap((s) => s.tasks));
      expect(manifest.gold.flatMap((g) => g.dependsOn).filter((t) => !tasks.has(t))).toEqual([]);
    }
  });
});
