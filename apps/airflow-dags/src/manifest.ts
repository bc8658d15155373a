// The orchestration manifest: the task graph the DAG factory (dags/lake_dags) renders, derived from the contract
// registry and the physical names the layer stacks deployed. Written as JSON beside the DAG file; the factory's
// reader (lake_dags/manifest.py) checks the same shape.
import { dqdlRules, type DatasetContract, type DatasetRegistry } from "@lake/schemas";

export const MANIFEST_VERSION = 1;
export const PIPELINE_DAG_ID = "lake_medallion";
export const MAINTENANCE_DAG_ID = "lake_maintenance";
/** What a run adds to a Glue job's own arguments: its day, so a rerun or a backfill processes its own date. */
export const RUN_ARGUMENTS: Readonly<Record<string, string>> = { "--run-date": "{{ ds }}" };

export type TaskType = "glue_crawler" | "glue_job" | "glue_data_quality" | "not_deployed";
export type LakeJob = "bronze_to_silver" | "quality" | "silver_to_gold" | "maintenance";
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
        /** A Glue Data Quality evaluation of the dataset's ruleset against its table, as `roleArn`. */
        readonly type: "glue_data_quality";
        readonly rulesetName: string;
        readonly roleArn: string;
        readonly databaseName: string;
        readonly tableName: string;
        /** The tables its ReferentialIntegrity rules read, by the alias the DQDL names (the dataset). */
        readonly referencedTables: Readonly<Record<string, string>>;
        /**
         * The ruleset's rules (DQDL, as Glue reports each) that come from warning rules of the contract: their
         * failure is logged, not a failed task, as in the lake's quality job, which blocks on blocking rules only.
         */
        readonly warningRules: readonly string[];
        /**
         * Per table of the evaluation, the partition predicate (Glue's `pushDownPredicate`) that scopes it as
         * the quality job scopes it: the run's day of the evaluated table, every day up to it of a referenced one.
         */
        readonly predicates: Readonly<Record<string, string>>;
      }
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
  /** The second DAG: table maintenance on its own schedule, with the same owner, tags and task defaults. */
  readonly maintenance: MaintenanceDag;
}

export interface MaintenanceDag {
  readonly dagId: string;
  readonly description: string;
  readonly schedule: string;
  readonly tasks: readonly ManifestTask[];
}

/** How much history the maintenance keeps (the `lake_jobs.maintenance` arguments), and when it runs. */
export interface MaintenanceSettings {
  readonly schedule: string;
  readonly retainDays: number;
  readonly retainLast: number;
  readonly orphanDays: number;
}

/** The physical names the layer stacks deployed, per dataset: their outputs. */
export interface DeployedNames {
  readonly crawlerNames: Readonly<Record<string, string>>;
  readonly bronzeToSilverJobs: Readonly<Record<string, string>>;
  readonly qualityJobs: Readonly<Record<string, string>>;
  readonly silverToGoldJobs: Readonly<Record<string, string>>;
  /** The quality jobs of gold datasets: infra-gold deploys none yet, so their tasks are `not_deployed`. */
  readonly goldQualityJobs?: Readonly<Record<string, string>>;
  /** The Glue Data Quality ruleset of each source and the role its evaluation runs as (infra-silver). */
  readonly rulesetNames: Readonly<Record<string, string>>;
  readonly dataQualityRoles: Readonly<Record<string, string>>;
  /** The silver database the rulesets' tables are in. */
  readonly silverDatabaseName: string;
  /** The maintenance jobs per table: no stack deploys one yet, so those tasks are `not_deployed`. */
  readonly maintenanceJobs?: Readonly<Record<string, string>>;
}

export interface PipelineSettings {
  readonly schedule: string;
  readonly environment: string;
  readonly owner: string;
  readonly startDate: string;
  readonly taskDefaults: TaskDefaults;
  readonly maintenance: MaintenanceSettings;
}

const crawlTask = (dataset: string) => `crawl_${dataset}`;
const qualityTask = (dataset: string) => `quality_${dataset}`;
const dataQualityTask = (dataset: string) => `data_quality_${dataset}`;

/** The date partition key naming a run's slice, as `lake_jobs.quality` picks it (its first date partition key). */
function runScopeColumn(c: DatasetContract): string | undefined {
  const types = new Map([...c.columns, ...c.auditColumns].map((col) => [col.name, col.type.kind]));
  return c.partitionKeys.find((k) => types.get(k) === "date");
}

/** The run's day of the evaluated table and every day up to it of the referenced ones, where they have one. */
function runPredicates(c: DatasetContract, references: readonly DatasetContract[]): Record<string, string> {
  const predicates: Record<string, string> = {};
  const day = RUN_ARGUMENTS["--run-date"];
  const own = runScopeColumn(c);
  if (own) predicates[c.name] = `${own} = '${day}'`;
  for (const r of references) {
    const column = runScopeColumn(r);
    if (column) predicates[r.name] = `${column} <= '${day}'`;
  }
  return predicates;
}
/** Formats whose tables `lake_jobs.maintenance` compacts and expires (Parquet has nothing to maintain). */
const MAINTAINED_FORMATS: ReadonlySet<string> = new Set(["iceberg", "delta"]);

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
function jobTask(
  base: JobTaskBase,
  jobName: string | undefined,
  missing: string,
  extra: Readonly<Record<string, string>> = {},
): ManifestTask {
  const task = { ...base, arguments: { ...RUN_ARGUMENTS, ...extra } };
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
      {
        taskId: dataQualityTask(d),
        dataset: d,
        layer: "silver",
        upstream: [`bronze_to_silver_${d}`],
        type: "glue_data_quality",
        rulesetName: deployed(names.rulesetNames, d, "ruleset", "infra-silver's rulesetNames"),
        roleArn: deployed(names.dataQualityRoles, d, "evaluation role", "infra-silver's dataQualityRoles"),
        databaseName: names.silverDatabaseName,
        tableName: d,
        referencedTables: Object.fromEntries(registry.referencesOf(c).map((r) => [r.name, r.name])),
        warningRules: dqdlRules(c)
          .filter((r) => r.severity === "warning")
          .map((r) => r.rule),
        predicates: runPredicates(c, registry.referencesOf(c)),
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
        upstream: registry.sourcesOf(c).flatMap((s) => [qualityTask(s.name), dataQualityTask(s.name)]),
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
    maintenance: maintenanceDag(registry, names, settings.maintenance),
  };
}

/**
 * The maintenance DAG: one task per Iceberg or Delta table of the registry (silver or gold), none depending on
 * another, each running `lake_jobs.maintenance` with the retention of the settings. No stack deploys a
 * maintenance job yet, so each is `not_deployed` unless `names.maintenanceJobs` has one for the table.
 */
export function maintenanceDag(
  registry: DatasetRegistry,
  names: DeployedNames,
  settings: MaintenanceSettings,
): MaintenanceDag {
  const retention = {
    "--retain-days": String(settings.retainDays),
    "--retain-last": String(settings.retainLast),
    "--orphan-days": String(settings.orphanDays),
  };
  const tasks = registry
    .all()
    .filter((c) => MAINTAINED_FORMATS.has(c.format))
    .map((c) =>
      jobTask(
        { taskId: `maintain_${c.name}`, dataset: c.name, layer: c.layer, job: "maintenance", upstream: [] },
        names.maintenanceJobs?.[c.name],
        `no stack deploys a maintenance job for ${c.layer}.${c.name} (lake_jobs.maintenance runs on the ` +
          "local lake only), so AWS has nothing to run; add one to its layer stack and its outputs",
        retention,
      ),
    );
  return {
    dagId: MAINTENANCE_DAG_ID,
    description:
      "Table maintenance on its own schedule: compaction, snapshot expiry and orphan-file removal of every " +
      "Iceberg and Delta table of the lake.",
    schedule: settings.schedule,
    tasks,
  };
}

/** What the manifest's tasks (of both DAGs) start: the crawlers, Glue jobs, rulesets and the roles passed. */
export function deployedResources(manifest: OrchestrationManifest): {
  crawlers: string[];
  jobs: string[];
  rulesets: string[];
  dataQualityRoles: string[];
} {
  const crawlers: string[] = [];
  const jobs: string[] = [];
  const rulesets: string[] = [];
  const dataQualityRoles: string[] = [];
  for (const t of [...manifest.tasks, ...manifest.maintenance.tasks]) {
    if (t.type === "glue_crawler") crawlers.push(t.crawlerName);
    else if (t.type === "glue_job") jobs.push(t.jobName);
    else if (t.type === "glue_data_quality") {
      rulesets.push(t.rulesetName);
      dataQualityRoles.push(t.roleArn);
    }
  }
  return { crawlers, jobs, rulesets, dataQualityRoles };
}
