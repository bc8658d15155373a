import { contractJson, type DatasetContract, type DatasetRegistry } from "@lake/schemas";

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
 * The quality tasks a gold build waits for: one per dataset of its `derivedFrom`. A dataset without a source has
 * no task of its own in the pipeline (a system table), so nothing could say when it is ready: an error naming both.
 */
export function goldDependencies(gold: DatasetContract, registry: DatasetRegistry): string[] {
  return gold.derivedFrom.map((name) => {
    if (registry.get(name).source === null) {
      throw new Error(
        `gold dataset ${gold.name} is derived from ${name}, which no task of the pipeline writes on its own ` +
          `(it has no source): derive it from source datasets only`,
      );
    }
    return qualityTask(name);
  });
}

/**
 * The task graph the DAG factory renders: crawl -> bronze_to_silver -> quality per source, then each gold table
 * after the quality tasks of its inputs, and its own quality check. Derived from the registry alone, so adding a
 * contract adds its tasks.
 */
export function orchestrationManifest(registry: DatasetRegistry, schedule: string): OrchestrationManifest {
  const sources = registry.withSource().map((c) => {
    const json = contractJson(c);
    return {
      dataset: json.name,
      sourceKind: json.source?.kind ?? "file",
      tasks: [`crawl_${json.name}`, `bronze_to_silver_${json.name}`, qualityTask(json.name)] as const,
    };
  });
  const gold = registry.byLayer("gold").map((c) => ({
    dataset: c.name,
    tasks: [`silver_to_gold_${c.name}`, qualityTask(c.name)] as const,
    dependsOn: goldDependencies(c, registry),
  }));
  return { pipeline: "lake_medallion", schedule, sources, gold };
}
