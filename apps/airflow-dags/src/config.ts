import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

export const airflowConfigSchema = z.object({
  environment: z.enum(["dev", "prod"]),
  /** Airflow cron expression of the daily lake pipeline (five fields, UTC). */
  schedule: z.string().regex(/^(\S+\s+){4}\S+$/, 'expected a five-field cron expression such as "0 2 * * *"'),
});

export type AirflowConfig = z.infer<typeof airflowConfigSchema>;

/** Parses the stack's config; the error names the stack and every bad key. */
export function parseAirflowConfig(raw: Record<string, unknown>, stack: string): AirflowConfig {
  const parsed = airflowConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid config for stack "${stack}" of airflow-dags:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export function loadAirflowConfig(): AirflowConfig {
  const config = new pulumi.Config();
  return parseAirflowConfig(
    { environment: config.get("environment"), schedule: config.get("schedule") },
    pulumi.getStack(),
  );
}
