import * as pulumi from "@pulumi/pulumi";

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
  "jobPackageUri",
] as const;

export type SilverStackOutputs = { readonly [K in (typeof SILVER_OUTPUTS)[number]]: pulumi.Output<string> };

export function readSilverStack(stackName: string): SilverStackOutputs {
  const ref = new pulumi.StackReference(stackName);
  return Object.fromEntries(
    SILVER_OUTPUTS.map((name) => [name, ref.requireOutput(name) as pulumi.Output<string>]),
  ) as SilverStackOutputs;
}
