// Glue job settings: defaults applied once, and the checks the service would otherwise fail the deployment (or
// the first run) on. Glue API: Job (WorkerType, NumberOfWorkers, ExecutionClass, Timeout, MaxRetries); "AWS Glue
// worker types"; "Using auto scaling for AWS Glue"; "Flex execution class".

/** Spark worker types of Glue 5.0 (G.025X is for streaming jobs only). */
export const GLUE_WORKER_TYPES = [
  "G.1X",
  "G.2X",
  "G.4X",
  "G.8X",
  "G.12X",
  "G.16X",
  "R.1X",
  "R.2X",
  "R.4X",
  "R.8X",
] as const;
export type GlueWorkerType = (typeof GLUE_WORKER_TYPES)[number];

/** The Flex execution class runs on spare capacity and only with these worker types. */
export const FLEX_WORKER_TYPES: readonly GlueWorkerType[] = ["G.1X", "G.2X"];

export interface GlueJobSettings {
  /** Defaults to G.1X (4 vCPU, 16 GB): enough for a day of one source. */
  readonly workerType?: GlueWorkerType;
  /** Workers, or the maximum when auto scaling. Defaults to 2 (one driver, one executor). */
  readonly numberOfWorkers?: number;
  /** Let Glue add and remove executors with the load (`--enable-auto-scaling`). Defaults to true. */
  readonly autoScaling?: boolean;
  /** `FLEX` for runs that can wait for spare capacity (backfills, non-urgent days). Defaults to STANDARD. */
  readonly executionClass?: "STANDARD" | "FLEX";
  /** Minutes before Glue stops a run. Defaults to 60. */
  readonly timeoutMinutes?: number;
  /** Retries Glue makes after a failed run. Defaults to 1. */
  readonly maxRetries?: number;
  /** Glue job bookmarks. Defaults to false: the jobs process an explicit `--run-date` and are idempotent. */
  readonly jobBookmarks?: boolean;
  /** Runs allowed at once. Defaults to 1: two runs of one dataset would race on its partitions. */
  readonly maxConcurrentRuns?: number;
}

export type ResolvedGlueSettings = Required<GlueJobSettings>;

/** The ranges the Glue API accepts (Job: NumberOfWorkers, Timeout, MaxRetries); the stack configs use them too. */
export const GLUE_LIMITS = {
  numberOfWorkers: { min: 2 },
  timeoutMinutes: { min: 1, max: 2880 },
  maxRetries: { min: 0, max: 10 },
  maxConcurrentRuns: { min: 1 },
} as const;

export function resolveGlueSettings(s: GlueJobSettings = {}): ResolvedGlueSettings {
  return {
    workerType: s.workerType ?? "G.1X",
    numberOfWorkers: s.numberOfWorkers ?? 2,
    autoScaling: s.autoScaling ?? true,
    executionClass: s.executionClass ?? "STANDARD",
    timeoutMinutes: s.timeoutMinutes ?? 60,
    maxRetries: s.maxRetries ?? 1,
    jobBookmarks: s.jobBookmarks ?? false,
    maxConcurrentRuns: s.maxConcurrentRuns ?? 1,
  };
}

const whole = (n: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isInteger(n) && n >= min && n <= max;

/** One message per problem, naming the `glue.<field>`. */
export function glueSettingsErrors(s: ResolvedGlueSettings): string[] {
  const errors: string[] = [];
  if (!GLUE_WORKER_TYPES.includes(s.workerType)) {
    errors.push(
      `glue.workerType "${s.workerType}" is not a Glue 5.0 Spark worker type (${GLUE_WORKER_TYPES.join(", ")})`,
    );
  }
  if (!whole(s.numberOfWorkers, GLUE_LIMITS.numberOfWorkers.min)) {
    errors.push(
      `glue.numberOfWorkers must be a whole number ≥ ${GLUE_LIMITS.numberOfWorkers.min} (a driver and an executor), got ${s.numberOfWorkers}`,
    );
  }
  if (s.executionClass === "FLEX" && !FLEX_WORKER_TYPES.includes(s.workerType)) {
    errors.push(
      `glue.executionClass FLEX runs only on ${FLEX_WORKER_TYPES.join(" or ")} workers, not ${s.workerType}`,
    );
  }
  if (!whole(s.timeoutMinutes, GLUE_LIMITS.timeoutMinutes.min, GLUE_LIMITS.timeoutMinutes.max)) {
    errors.push(
      `glue.timeoutMinutes must be a whole number from ${GLUE_LIMITS.timeoutMinutes.min} to ${GLUE_LIMITS.timeoutMinutes.max}, got ${s.timeoutMinutes}`,
    );
  }
  if (!whole(s.maxRetries, GLUE_LIMITS.maxRetries.min, GLUE_LIMITS.maxRetries.max)) {
    errors.push(
      `glue.maxRetries must be a whole number from ${GLUE_LIMITS.maxRetries.min} to ${GLUE_LIMITS.maxRetries.max}, got ${s.maxRetries}`,
    );
  }
  if (!whole(s.maxConcurrentRuns, GLUE_LIMITS.maxConcurrentRuns.min)) {
    errors.push(
      `glue.maxConcurrentRuns must be a whole number ≥ ${GLUE_LIMITS.maxConcurrentRuns.min}, got ${s.maxConcurrentRuns}`,
    );
  }
  return errors;
}
