// The orchestration manifest: the task graph the DAG factory (dags/lake_dags) renders, derived from the contract
// registry and the physical names the layer stacks deployed. Written as JSON beside the DAG file; the factory's
// reader (lake_dags/manifest.py) checks the same shape.
import type { DatasetRegistry } from "@lake/schemas";

export const MANIFEST_VERSION = 1;
export const PIPELINE_DAG_ID = "lake_medallion";
/** What a run adds to a Glue job's own arguments: its day, so a rerun or a backfill processes its own date. */
export const RUN_ARGUMENTS: Readonly<Record<string, string>> = { "--run-date": "{{ ds }}" };

export type TaskType = "glue_crawler" | "glue_job" | "not_deployed";
export type LakeJob = "bronze_to_silver" | "quality" | "silver_to_gold";
type Layer = "bronze" | "silver" | "gold";

interface TaskBase {
  readonly taskId: string;
  readonly dataset: string;
  /** The layer the task's table is in (a crawl catalogs bronze). */
  readonly layer: Layer;
  readonly upstream: readonly string[];
}
export type ManifestTask = TaskBase &
  (
    | { readonly type: "glue_crawler"; readonly crawlerName: string }
    | {
        readonly type: "glue_job";
        readonly job: LakeJob;
        readonly jobName: string;
        readonly arguments: Readonly<Record<string, string>>;
      }
    | {
        readonly type: "not_deployed";
        readonly job: LakeJob;
        readonly arguments: Readonly<Record<string, string>>;
        readonly reason: string;
      }
  );

export interface TaskDefaults {
  readonly retries: number;
  readonly retryDelaySeconds: number;
  readonly maxRetryDelaySeconds: number;
  readonly executionTimeoutSeconds: Readonly<Record<TaskType, number>>;
  readonly pollIntervalSeconds: Readonly<Record<TaskType, number>>;
}

export interface OrchestrationManifest {
  readonly manifestVersion: typeof MANIFEST_VERSION;
  readonly dagId: string;
  readonly description: string;
  readonly schedule: string;
  readonly startDate: string;
  readonly environment: string;
  readonly owner: string;
  readonly tags: readonly string[];
  readonly taskDefaults: TaskDefaults;
  readonly tasks: readonly ManifestTask[];
}

/** The physical names the layer stacks deployed, per dataset: their outputs. */
export interface DeployedNames {
  readonly crawlerNames: Readonly<Record<string, string>>;
  readonly bronzeToSilverJobs: Readonly<Record<string, string>>;
  readonly qualityJobs: Readonly<Record<string, string>>;
  readonly silverToGoldJobs: Readonly<Record<string, string>>;
  /** The quality jobs of gold datasets: infra-gold deploys none yet, so their tasks are `not_deployed`. */
  readonly goldQualityJobs?: Readonly<Record<string, string>>;
}

export interface PipelineSettings {
  readonly schedule: string;
  readonly environment: string;
  readonly owner: string;
  readonly startDate: string;
  readonly taskDefaults: TaskDefaults;
}

const crawlTask = (dataset: string) => `crawl_${dataset}`;
const qualityTask = (dataset: string) => `quality_${dataset}`;

function deployed(
  names: Readonly<Record<string, string>>,
  dataset: string,
  what: string,
  output: string,
): string {
  const name = names[dataset];
  if (!name) {
    throw new Error(`dataset ${dataset}: ${output} has no ${what} for it, so the pipeline cannot run it`);
  }
  return name;
}

interface JobTaskBase {
  readonly taskId: string;
  readonly dataset: string;
  readonly layer: Layer;
  readonly job: LakeJob;
  readonly upstream: readonly string[];
}

/** A Glue job task when `jobName` is deployed, else a `not_deployed` task saying why. */
function jobTask(base: JobTaskBase, jobName: string | undefined, missing: string): ManifestTask {
  const task = { ...base, arguments: { ...RUN_ARGUMENTS } };
  return jobName
    ? { ...task, type: "glue_job", jobName }
    : { ...task, type: "not_deployed", reason: missing };
}

/**
 * The pipeline: per source `crawl -> bronze_to_silver -> quality`; each gold table after the quality tasks of
 * the datasets its contract is derived from, and only those, then its own quality. A source or gold table the
 * layer stacks deployed nothing for is an error naming it (the stacks create one per contract), except a gold
 * table's quality job, which infra-gold does not deploy yet: that task is `not_deployed`, runs on the local lake
 * and fails on MWAA with the reason.
 */
export function orchestrationManifest(
  registry: DatasetRegistry,
  names: DeployedNames,
  settings: PipelineSettings,
): OrchestrationManifest {
  const sources = registry.withSource().flatMap((c): ManifestTask[] => {
    const d = c.name;
    return [
      {
        taskId: crawlTask(d),
        dataset: d,
        layer: "bronze",
        upstream: [],
        type: "glue_crawler",
        crawlerName: deployed(names.crawlerNames, d, "crawler", "infra-bronze's crawlerNames"),
      },
      {
        taskId: `bronze_to_silver_${d}`,
        dataset: d,
        layer: "silver",
        upstream: [crawlTask(d)],
        type: "glue_job",
        job: "bronze_to_silver",
        jobName: deployed(names.bronzeToSilverJobs, d, "Glue job", "infra-silver's bronzeToSilverJobs"),
        arguments: { ...RUN_ARGUMENTS },
      },
      {
        taskId: qualityTask(d),
        dataset: d,
        layer: "silver",
        upstream: [`bronze_to_silver_${d}`],
        type: "glue_job",
        job: "quality",
        jobName: deployed(names.qualityJobs, d, "Glue job", "infra-silver's qualityJobs"),
        arguments: { ...RUN_ARGUMENTS },
      },
    ];
  });
  // The registry refuses a gold table derived from a dataset without a source, so each input has a quality task.
  const gold = registry.byLayer("gold").flatMap((c): ManifestTask[] => {
    const d = c.name;
    const build = `silver_to_gold_${d}`;
    return [
      {
        taskId: build,
        dataset: d,
        layer: "gold",
        upstream: registry.sourcesOf(c).map((s) => qualityTask(s.name)),
        type: "glue_job",
        job: "silver_to_gold",
        jobName: deployed(names.silverToGoldJobs, d, "Glue job", "infra-gold's silverToGoldJobs"),
        arguments: { ...RUN_ARGUMENTS },
      },
      jobTask(
        { taskId: qualityTask(d), dataset: d, layer: "gold", job: "quality", upstream: [build] },
        names.goldQualityJobs?.[d],
        `infra-gold deploys no quality job for ${d} (its outputs have none), so AWS has nothing to run; ` +
          "add one to infra-gold and its stack outputs",
      ),
    ];
  });
  return {
    manifestVersion: MANIFEST_VERSION,
    dagId: PIPELINE_DAG_ID,
    description:
      "The lake's daily pipeline: crawl, bronze -> silver and quality per source, then each gold table after " +
      "the quality of its inputs, and its own quality.",
    schedule: settings.schedule,
    startDate: settings.startDate,
    environment: settings.environment,
    owner: settings.owner,
    tags: ["lake", "medallion", settings.environment],
    taskDefaults: settings.taskDefaults,
    tasks: [...sources, ...gold],
  };
}

/** The crawler and Glue job names the manifest's tasks start: what the execution role may run. */
export function deployedResources(manifest: OrchestrationManifest): { crawlers: string[]; jobs: string[] } {
  const crawlers: string[] = [];
  const jobs: string[] = [];
  for (const t of manifest.tasks) {
    if (t.type === "glue_crawler") crawlers.push(t.crawlerName);
    else if (t.type === "glue_job") jobs.push(t.jobName);
  }
  return { crawlers, jobs };
}
