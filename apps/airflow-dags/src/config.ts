import { environmentSchema, stackConfig } from "@lake/lake-components";
import { z } from "zod";

export const airflowConfigSchema = z.object({
  environment: environmentSchema,
  /** Airflow cron expression of the daily lake pipeline (five fields, UTC). */
  schedule: z.string().regex(/^(\S+\s+){4}\S+$/, 'expected a five-field cron expression such as "0 2 * * *"'),
});

export type AirflowConfig = z.output<typeof airflowConfigSchema>;

const airflowConfig = stackConfig(airflowConfigSchema, { project: "airflow-dags" });

/** Validates a configuration (a stack file's, in tests); the error names the stack, the file and each bad key. */
export const parseAirflowConfig = airflowConfig.parse;

/** The configuration `pulumi up` (or the offline plan) passes to this program, validated. */
export const loadAirflowConfig = airflowConfig.load;
