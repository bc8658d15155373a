// Glue job and EMR Serverless application settings: defaults applied once, and the checks the services would
// otherwise fail the deployment (or the first run) on. Glue API: Job (WorkerType, NumberOfWorkers,
// ExecutionClass, Timeout, MaxRetries); "AWS Glue worker types"; "Using auto scaling for AWS Glue";
// "Flex execution class". EMR: "Application versions in Amazon EMR 7.x releases".

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
  if (!whole(s.numberOfWorkers, 2)) {
    errors.push(
      `glue.numberOfWorkers must be a whole number ≥ 2 (a driver and an executor), got ${s.numberOfWorkers}`,
    );
  }
  if (s.executionClass === "FLEX" && !FLEX_WORKER_TYPES.includes(s.workerType)) {
    errors.push(
      `glue.executionClass FLEX runs only on ${FLEX_WORKER_TYPES.join(" or ")} workers, not ${s.workerType}`,
    );
  }
  if (!whole(s.timeoutMinutes, 1, 2880)) {
    errors.push(`glue.timeoutMinutes must be a whole number from 1 to 2880, got ${s.timeoutMinutes}`);
  }
  if (!whole(s.maxRetries, 0, 10)) {
    errors.push(`glue.maxRetries must be a whole number from 0 to 10, got ${s.maxRetries}`);
  }
  if (!whole(s.maxConcurrentRuns, 1)) {
    errors.push(`glue.maxConcurrentRuns must be a whole number ≥ 1, got ${s.maxConcurrentRuns}`);
  }
  return errors;
}

export interface EmrServerlessSettings {
  /**
   * EMR release. Defaults to emr-7.8.0: Spark 3.5.4 and Delta 3.3.0, the versions of Glue 5.0 and of the local
   * Spark, so a job behaves the same on both targets.
   */
  readonly releaseLabel?: string;
  /** Defaults to X86_64. */
  readonly architecture?: "X86_64" | "ARM64";
  /** Most vCPUs all running workers may use together. Defaults to 16. */
  readonly maximumVcpu?: number;
  /** Most memory in GB all running workers may use together. Defaults to 64. */
  readonly maximumMemoryGb?: number;
  /** Idle minutes before the application stops (and stops billing). Defaults to 15. */
  readonly idleTimeoutMinutes?: number;
}

export type ResolvedEmrSettings = Required<EmrServerlessSettings>;

export function resolveEmrSettings(s: EmrServerlessSettings = {}): ResolvedEmrSettings {
  return {
    releaseLabel: s.releaseLabel ?? "emr-7.8.0",
    architecture: s.architecture ?? "X86_64",
    maximumVcpu: s.maximumVcpu ?? 16,
    maximumMemoryGb: s.maximumMemoryGb ?? 64,
    idleTimeoutMinutes: s.idleTimeoutMinutes ?? 15,
  };
}

/** Every EMR 7 release runs Spark 3.5 (7.0.0 has 3.5.0, 7.8.0 has 3.5.4); EMR 6 runs Spark 3.x below 3.5. */
export function emrSettingsErrors(s: ResolvedEmrSettings): string[] {
  const errors: string[] = [];
  if (!/^emr-7\.\d+\.\d+$/.test(s.releaseLabel)) {
    errors.push(
      `emrServerless.releaseLabel "${s.releaseLabel}" is not an EMR 7 release (emr-7.x.y runs Spark 3.5)`,
    );
  }
  if (!whole(s.maximumVcpu, 1))
    errors.push(`emrServerless.maximumVcpu must be a whole number ≥ 1, got ${s.maximumVcpu}`);
  if (!whole(s.maximumMemoryGb, 1))
    errors.push(`emrServerless.maximumMemoryGb must be a whole number ≥ 1, got ${s.maximumMemoryGb}`);
  if (!whole(s.idleTimeoutMinutes, 1, 10080)) {
    errors.push(
      `emrServerless.idleTimeoutMinutes must be a whole number from 1 to 10080, got ${s.idleTimeoutMinutes}`,
    );
  }
  return errors;
}
