// What the silver and gold stacks export, typed by their contracts: a renamed or missing output is a compile error.
import { pipelineScopes } from "@lake/lake-components";
import { registry } from "@lake/schemas";
import type { GoldStackOutputs, SilverStackOutputs } from "@lake/stacks";

const ACCOUNT = "123456789012";
const role = (stack: string, job: string, dataset: string) =>
  `arn:aws:iam::${ACCOUNT}:role/lake-${stack}-${job}-${dataset.replaceAll("_", "-")}-role`;
const roles = (stack: string, job: string, kind: string) =>
  Object.fromEntries(
    pipelineScopes(registry)
      .filter((s) => s.job === kind)
      .map((s) => [s.dataset, role(stack, job, s.dataset)]),
  );

export function silverOutputs(stack: string): SilverStackOutputs {
  return {
    kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/lake-key`,
    accessLogBucketName: `lake-${stack}-access-logs`,
    silverBucketName: `lake-${stack}-silver`,
    silverBucketArn: `arn:aws:s3:::lake-${stack}-silver`,
    silverDatabaseName: "silver",
    silverDatabaseArn: `arn:aws:glue:eu-west-1:${ACCOUNT}:database/silver`,
    jobPackageUri: `s3://lake-${stack}-silver/artifacts/packages/lake_jobs-0123456789abcdef.zip`,
    jobPackageSha256: "0".repeat(64),
    tableNames: registry.byLayer("silver").map((c) => c.name),
    bronzeToSilverJobs: {},
    qualityJobs: {},
    rulesetNames: {},
    bronzeToSilverJobRoles: roles(stack, "b2s", "bronze_to_silver"),
    qualityJobRoles: roles(stack, "quality", "quality"),
    dataQualityRoles: roles(stack, "dq", "data_quality"),
  };
}

export function goldOutputs(stack: string): GoldStackOutputs {
  return {
    goldBucketName: `lake-${stack}-gold`,
    goldBucketArn: `arn:aws:s3:::lake-${stack}-gold`,
    goldDatabaseName: "gold",
    goldDatabaseArn: `arn:aws:glue:eu-west-1:${ACCOUNT}:database/gold`,
    tables: { customer_360: "iceberg" },
    silverToGoldJobs: {},
    silverToGoldJobRoles: roles(stack, "s2g", "silver_to_gold"),
    athenaWorkgroups: {},
    athenaResultsBucketName: `lake-${stack}-athena-results`,
    spectrum: null,
  };
}

export const upstream = (stack: string) => ({
  [`organization/infra-silver/${stack}`]: silverOutputs(stack),
  [`organization/infra-gold/${stack}`]: goldOutputs(stack),
});
