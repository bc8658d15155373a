import * as pulumi from "@pulumi/pulumi";

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

export type BronzeStackOutputs = { readonly [K in (typeof BRONZE_OUTPUTS)[number]]: pulumi.Output<string> };

export function readBronzeStack(stackName: string): BronzeStackOutputs {
  const ref = new pulumi.StackReference(stackName);
  return Object.fromEntries(
    BRONZE_OUTPUTS.map((name) => [name, ref.requireOutput(name) as pulumi.Output<string>]),
  ) as BronzeStackOutputs;
}
