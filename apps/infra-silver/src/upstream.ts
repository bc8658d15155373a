import { requireStackOutputs, type StackOutputs } from "@lake/lake-components";

/**
 * The bronze stack outputs this stack reads (apps/infra-bronze/src/index.ts exports them; its tests check the
 * names). `requireOutput` fails the deployment, and the offline plan, when one is missing.
 */
export const BRONZE_OUTPUTS = [
  "kmsKeyArn",
  "accessLogBucketName",
  "bronzeBucketName",
  "bronzeBucketArn",
  "bronzeDatabaseName",
] as const;

export type BronzeStackOutputs = StackOutputs<typeof BRONZE_OUTPUTS>;

export function readBronzeStack(stackName: string): BronzeStackOutputs {
  return requireStackOutputs(stackName, BRONZE_OUTPUTS);
}
