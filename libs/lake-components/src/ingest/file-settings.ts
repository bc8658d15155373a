// The event source mapping of the file sources' queue, and what a FileIngestion may serve, as pure checks
// (Lambda CreateEventSourceMapping: BatchSize 1-10000, but at most 10 for an SQS queue unless
// MaximumBatchingWindowInSeconds is at least 1; the window 0-300 s; ScalingConfig MaximumConcurrency 2-1000;
// SQS RedrivePolicy maxReceiveCount 1-1000).
import type { DatasetContract } from "@lake/schemas";

export interface EventBatching {
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  /** Concurrent batches the mapping may run; the function reserves as much concurrency. */
  readonly maximumConcurrency: number;
}

const inRange = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

export function eventBatchingProblems(b: EventBatching): string[] {
  return [
    ...(!inRange(b.batchSize, 1, 10_000) ? [`batchSize must be 1 to 10000, got ${b.batchSize}`] : []),
    ...(b.batchSize > 10 && b.maximumBatchingWindowInSeconds < 1
      ? [`batchSize ${b.batchSize} needs maximumBatchingWindowInSeconds of at least 1 (10 without a window)`]
      : []),
    ...(!inRange(b.maximumBatchingWindowInSeconds, 0, 300)
      ? [`maximumBatchingWindowInSeconds must be 0 to 300, got ${b.maximumBatchingWindowInSeconds}`]
      : []),
    ...(!inRange(b.maximumConcurrency, 2, 1000)
      ? [`maximumConcurrency must be 2 to 1000, got ${b.maximumConcurrency}`]
      : []),
  ];
}

/** Every problem with the sources, batching and redrive of a FileIngestion. */
export function fileIngestionProblems(
  contracts: readonly DatasetContract[],
  batching: EventBatching,
  maxReceiveCount: number,
): string[] {
  return [
    ...(contracts.length === 0 ? ["sources is empty: there is nothing to catalog"] : []),
    ...contracts.flatMap((c) =>
      c.source?.kind === "file"
        ? []
        : [
            `dataset ${c.name} is ${c.source ? `a ${c.source.kind} source` : "not a source"}, not a file source`,
          ],
    ),
    ...eventBatchingProblems(batching),
    ...(!inRange(maxReceiveCount, 1, 1000)
      ? [`maxReceiveCount must be 1 to 1000, got ${maxReceiveCount}`]
      : []),
  ];
}
