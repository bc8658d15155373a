import { requireStackOutputs, type StackOutputs } from "@lake/lake-components";

/**
 * The silver stack outputs this stack reads (apps/infra-silver/src/index.ts exports them; its tests check the
 * names). `requireOutput` fails the deployment, and the offline plan, when one is missing.
 */
export const SILVER_OUTPUTS = [
  "kmsKeyArn",
  "accessLogBucketName",
  "silverBucketName",
  "silverBucketArn",
  "silverDatabaseName",
  "silverDatabaseArn",
] as const;

export type SilverStackOutputs = StackOutputs<typeof SILVER_OUTPUTS>;

export function readSilverStack(stackName: string): SilverStackOutputs {
  return requireStackOutputs(stackName, SILVER_OUTPUTS);
}
