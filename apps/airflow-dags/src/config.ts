import { environmentSchema, stackConfig } from "@lake/stacks";
import { z } from "zod";

export const airflowConfigSchema = z.object({
  environment: environmentSchema,
  /** Airflow cron expression of the daily lake pipeline (five fields, UTC). */
  schedule: z.string().regex(/^(\S+\s+){4}\S+$/, 'expected a five-field cron expression such as "0 2 * * *"'),
});

export type AirflowConfig = z.output<typeof airflowConfigSchema>;

/** The stack's config: `load()` in the program, `parse`/`parseConfig` in tests (errors name stack, file, key). */
export const airflowConfig = stackConfig(airflowConfigSchema, { project: "airflow-dags" });
