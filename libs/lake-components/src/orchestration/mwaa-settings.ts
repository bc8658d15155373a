// The sizing and placement of an MWAA environment, checked against CreateEnvironment's rules before anything is
// created (MWAA API reference, CreateEnvironment; the botocore model of the mwaa service).

export const MWAA_ENVIRONMENT_CLASSES = [
  "mw1.micro",
  "mw1.small",
  "mw1.medium",
  "mw1.large",
  "mw1.xlarge",
  "mw1.2xlarge",
] as const;
export type MwaaEnvironmentClass = (typeof MWAA_ENVIRONMENT_CLASSES)[number];

/** The Airflow version the DAGs are tested in: the one both MWAA's images and its API confirm. */
export const MWAA_AIRFLOW_VERSION = "3.0.6";

export const MWAA_LOG_LEVELS = ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"] as const;
export type MwaaLogLevel = (typeof MWAA_LOG_LEVELS)[number];

export interface MwaaSettings {
  /** Defaults to `mw1.small`. */
  readonly environmentClass?: MwaaEnvironmentClass;
  /** Defaults to 1. */
  readonly minWorkers?: number;
  /** Defaults to 2. */
  readonly maxWorkers?: number;
  /** 2 to 5, 1 on mw1.micro. Defaults to 2 (1 on mw1.micro). */
  readonly schedulers?: number;
  /** 2 to 5, 1 on mw1.micro. Defaults to 2 (1 on mw1.micro). */
  readonly minWebservers?: number;
  /** 2 to 5, 1 on mw1.micro. Defaults to 2 (1 on mw1.micro). */
  readonly maxWebservers?: number;
  /** The level of every log type. Defaults to INFO. */
  readonly logLevel?: MwaaLogLevel;
  /** `DAY:HH:MM` in UTC, on the hour or half hour. Defaults to MWAA's choice. */
  readonly weeklyMaintenanceWindowStart?: string;
}

export type ResolvedMwaaSettings = Required<Omit<MwaaSettings, "weeklyMaintenanceWindowStart">> &
  Pick<MwaaSettings, "weeklyMaintenanceWindowStart">;

export function resolveMwaaSettings(settings: MwaaSettings = {}): ResolvedMwaaSettings {
  const environmentClass = settings.environmentClass ?? "mw1.small";
  const small = environmentClass === "mw1.micro" ? 1 : 2;
  return {
    environmentClass,
    minWorkers: settings.minWorkers ?? 1,
    maxWorkers: settings.maxWorkers ?? 2,
    schedulers: settings.schedulers ?? small,
    minWebservers: settings.minWebservers ?? small,
    maxWebservers: settings.maxWebservers ?? small,
    logLevel: settings.logLevel ?? "INFO",
    weeklyMaintenanceWindowStart: settings.weeklyMaintenanceWindowStart,
  };
}

const WINDOW = /^(MON|TUE|WED|THU|FRI|SAT|SUN):([01]\d|2[0-3]):(00|30)$/;

/** Every way `s` breaks CreateEnvironment's rules, each naming the setting; [] when it is valid. */
export function mwaaSettingsProblems(s: ResolvedMwaaSettings): string[] {
  const problems: string[] = [];
  const whole = (name: keyof ResolvedMwaaSettings, value: number, min: number, max?: number) => {
    if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
      problems.push(
        `${name} must be a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}, got ${value}`,
      );
    }
  };
  if (!MWAA_ENVIRONMENT_CLASSES.includes(s.environmentClass)) {
    problems.push(
      `environmentClass must be one of ${MWAA_ENVIRONMENT_CLASSES.join(", ")}, got ${s.environmentClass}`,
    );
  }
  const micro = s.environmentClass === "mw1.micro";
  whole("minWorkers", s.minWorkers, 1);
  whole("maxWorkers", s.maxWorkers, 1);
  if (s.maxWorkers < s.minWorkers)
    problems.push(`maxWorkers (${s.maxWorkers}) is below minWorkers (${s.minWorkers})`);
  const [low, high] = micro ? [1, 1] : [2, 5];
  whole("schedulers", s.schedulers, low, high);
  whole("minWebservers", s.minWebservers, low, high);
  whole("maxWebservers", s.maxWebservers, low, high);
  if (s.maxWebservers < s.minWebservers) {
    problems.push(`maxWebservers (${s.maxWebservers}) is below minWebservers (${s.minWebservers})`);
  }
  if (!MWAA_LOG_LEVELS.includes(s.logLevel)) {
    problems.push(`logLevel must be one of ${MWAA_LOG_LEVELS.join(", ")}, got ${s.logLevel}`);
  }
  if (s.weeklyMaintenanceWindowStart !== undefined && !WINDOW.test(s.weeklyMaintenanceWindowStart)) {
    problems.push(
      `weeklyMaintenanceWindowStart must be DAY:HH:MM on the hour or half hour (e.g. TUE:03:30), got ${s.weeklyMaintenanceWindowStart}`,
    );
  }
  return problems;
}

/** CreateEnvironment's Name: a letter, then letters, digits, hyphens and underscores, 80 at most. */
export function mwaaEnvironmentNameProblem(name: string): string | undefined {
  return /^[a-zA-Z][0-9a-zA-Z_-]{0,79}$/.test(name)
    ? undefined
    : `environment name "${name}" must start with a letter and have at most 80 letters, digits, hyphens or underscores`;
}
