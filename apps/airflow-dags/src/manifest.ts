import type { DatasetRegistry } from "@lake/schemas";

export interface SourceTasks {
  readonly dataset: string;
  readonly sourceKind: string;
  readonly tasks: readonly [crawl: string, bronzeToSilver: string, quality: string];
}

export interface GoldTasks {
  readonly dataset: string;
  readonly tasks: readonly [build: string, quality: string];
  /** The quality tasks of the silver datasets the gold table is derived from: its build waits for these only. */
  readonly dependsOn: readonly string[];
}

export interface OrchestrationManifest {
  readonly pipeline: string;
  readonly schedule: string;
  readonly sources: readonly SourceTasks[];
  /** Gold datasets, each built after the silver tables it is derived from are written and checked. */
  readonly gold: readonly GoldTasks[];
}

const qualityTask = (dataset: string) => `quality_${dataset}`;

/**
 * The task graph the DAG factory renders: crawl -> bronze_to_silver -> quality per source, then each gold table
 * after the quality tasks of its inputs, and its own quality check. Derived from the registry alone, so adding a
 * contract adds its tasks.
 */
export function orchestrationManifest(registry: DatasetRegistry, schedule: string): OrchestrationManifest {
  const sources = registry.withSource().map((c) => ({
    dataset: c.name,
    sourceKind: c.source?.kind ?? "file",
    tasks: [`crawl_${c.name}`, `bronze_to_silver_${c.name}`, qualityTask(c.name)] as const,
  }));
  // The registry refuses a gold table derived from a dataset without a source, so each input has a quality task.
  const gold = registry.byLayer("gold").map((c) => ({
    dataset: c.name,
    tasks: [`silver_to_gold_${c.name}`, qualityTask(c.name)] as const,
    dependsOn: registry.sourcesOf(c).map((s) => qualityTask(s.name)),
  }));
  return { pipeline: "lake_medallion", schedule, sources, gold };
}
