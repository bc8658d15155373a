import { contractJson, type DatasetRegistry } from "@lake/schemas";

export interface SourceTasks {
  readonly dataset: string;
  readonly sourceKind: string;
  readonly tasks: readonly [crawl: string, bronzeToSilver: string, quality: string];
}

export interface OrchestrationManifest {
  readonly pipeline: string;
  readonly schedule: string;
  readonly sources: readonly SourceTasks[];
  /** Gold datasets, each built after every source's silver table is written and checked. */
  readonly gold: readonly { dataset: string; tasks: readonly [build: string, quality: string] }[];
}

/**
 * The task graph the DAG factory renders: crawl -> bronze_to_silver -> quality per source, then each gold table
 * and its quality check. Derived from the registry alone, so adding a contract adds its tasks.
 */
export function orchestrationManifest(registry: DatasetRegistry, schedule: string): OrchestrationManifest {
  const sources = registry.withSource().map((c) => {
    const json = contractJson(c);
    return {
      dataset: json.name,
      sourceKind: json.source?.kind ?? "file",
      tasks: [`crawl_${json.name}`, `bronze_to_silver_${json.name}`, `quality_${json.name}`] as const,
    };
  });
  const gold = registry.byLayer("gold").map((c) => ({
    dataset: c.name,
    tasks: [`silver_to_gold_${c.name}`, `quality_${c.name}`] as const,
  }));
  return { pipeline: "lake_medallion", schedule, sources, gold };
}
