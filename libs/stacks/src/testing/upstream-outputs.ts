// What the silver and gold stacks export, as the tests of the stacks that read them (through a StackReference under
// mocks) stand it in: typed by the output contracts, so a renamed or missing output is a compile error in every
// reader's tests, and written once so the readers' tests agree on it.
import { pipelineScopes } from "@lake/lake-components";
import { registry } from "@lake/schemas";
import type { GoldStackOutputs, SilverStackOutputs } from "../outputs/layers.js";

export const TEST_ACCOUNT = "123456789012";
export const TEST_KMS_KEY_ARN = `arn:aws:kms:eu-west-1:${TEST_ACCOUNT}:key/lake-key`;

/** The role ARN per dataset of one kind of pipeline job, named as the silver and gold stacks name them. */
function jobRoles(stack: string, job: string, kind: string): Record<string, string> {
  return Object.fromEntries(
    pipelineScopes(registry)
      .filter((s) => s.job === kind)
      .map((s) => [
        s.dataset,
        `arn:aws:iam::${TEST_ACCOUNT}:role/lake-${stack}-${job}-${s.dataset.replaceAll("_", "-")}-role`,
      ]),
  );
}

export function testSilverOutputs(stack: string): SilverStackOutputs {
  return {
    kmsKeyArn: TEST_KMS_KEY_ARN,
    accessLogBucketName: `lake-${stack}-access-logs`,
    silverBucketName: `lake-${stack}-silver`,
    silverBucketArn: `arn:aws:s3:::lake-${stack}-silver`,
    silverDatabaseName: "silver",
    silverDatabaseArn: `arn:aws:glue:eu-west-1:${TEST_ACCOUNT}:database/silver`,
    jobPackageUri: `s3://lake-${stack}-silver/artifacts/packages/lake_jobs-0123456789abcdef.zip`,
    jobPackageSha256: "0".repeat(64),
    tableNames: registry.byLayer("silver").map((c) => c.name),
    bronzeToSilverJobs: {},
    qualityJobs: {},
    rulesetNames: {},
    bronzeToSilverJobRoles: jobRoles(stack, "b2s", "bronze_to_silver"),
    qualityJobRoles: jobRoles(stack, "quality", "quality"),
    dataQualityRoles: jobRoles(stack, "dq", "data_quality"),
  };
}

export function testGoldOutputs(stack: string): GoldStackOutputs {
  return {
    goldBucketName: `lake-${stack}-gold`,
    goldBucketArn: `arn:aws:s3:::lake-${stack}-gold`,
    goldDatabaseName: "gold",
    goldDatabaseArn: `arn:aws:glue:eu-west-1:${TEST_ACCOUNT}:database/gold`,
    tables: { customer_360: "iceberg" },
    silverToGoldJobs: {},
    silverToGoldJobRoles: jobRoles(stack, "s2g", "silver_to_gold"),
    athenaWorkgroups: {},
    athenaResultsBucketName: `lake-${stack}-athena-results`,
    spectrum: null,
  };
}

/** The outputs of the silver and gold stacks of `stack`, by the StackReference names their readers use. */
export function testUpstreamOutputs(stack: string): Record<string, SilverStackOutputs | GoldStackOutputs> {
  return {
    [`organization/infra-silver/${stack}`]: testSilverOutputs(stack),
    [`organization/infra-gold/${stack}`]: testGoldOutputs(stack),
  };
}
