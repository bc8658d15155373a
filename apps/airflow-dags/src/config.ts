import * as pulumi from "@pulumi/pulumi";
import { environmentSchema, parseStackConfig, readStackConfig } from "@lake/lake-components";
import { z } from "zod";

export const airflowConfigSchema = z.object({
  environment: environmentSchema,
  /** Airflow cron expression of the daily lake pipeline (five fields, UTC). */
  schedule: z.string().regex(/^(\S+\s+){4}\S+$/, 'expected a five-field cron expression such as "0 2 * * *"'),
});

export type AirflowConfig = z.output<typeof airflowConfigSchema>;

/** Parses the stack's config; the error names the stack, the file and every bad key. */
export function parseAirflowConfig(raw: Record<string, unknown>, stack: string): AirflowConfig {
  return parseStackConfig(airflowConfigSchema, raw, { project: "airflow-dags", stack });
}

export function loadAirflowConfig(): AirflowConfig {
  return parseAirflowConfig(readStackConfig(), pulumi.getStack());
}
