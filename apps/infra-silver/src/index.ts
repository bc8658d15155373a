// The silver stack's program: `pulumi up` here, or `make plan` offline. Its outputs are the contract
// `silverStack` of @lake/stacks (documented there and in README.md).
import { registry } from "@lake/schemas";
import { silverConfig } from "./config.js";
import { createSilverStack } from "./stack.js";

export const {
  kmsKeyArn,
  accessLogBucketName,
  silverBucketName,
  silverBucketArn,
  silverDatabaseName,
  silverDatabaseArn,
  jobPackageUri,
  jobPackageSha256,
  tableNames,
  bronzeToSilverJobs,
  qualityJobs,
  rulesetNames,
  bronzeToSilverJobRoles,
  qualityJobRoles,
  dataQualityRoles,
} = createSilverStack(silverConfig.load(), registry);
