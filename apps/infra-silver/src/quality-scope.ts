import type { DatasetContract } from "@lake/schemas";

/** The quality results table's folder in the silver bucket. */
export const QUALITY_RESULTS_PREFIX = "quality_results/";

/** Datasets a quality run reads besides its own: the targets of its `references` rules. */
export function referencedDatasets(contract: DatasetContract): string[] {
  return [...new Set(contract.rules.flatMap((r) => (r.kind === "references" ? [r.dataset] : [])))].sort();
}

/** The partition of quality_results a dataset's quality run writes (the table is partitioned by `dataset` first). */
export function qualityResultsPartition(contract: DatasetContract): string {
  return `dataset=${contract.name}/`;
}
