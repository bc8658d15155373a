// The gold stack's program: `pulumi up` here, or `make plan` offline. Its outputs are the contract `goldStack`
// of @lake/stacks (documented there and in README.md).
import { registry } from "@lake/schemas";
import { goldConfig } from "./config.js";
import { createGoldStack } from "./stack.js";

export const {
  goldBucketName,
  goldBucketArn,
  goldDatabaseName,
  goldDatabaseArn,
  tables,
  silverToGoldJobs,
  silverToGoldJobRoles,
  athenaWorkgroups,
  athenaResultsBucketName,
  spectrum,
} = createGoldStack(goldConfig.load(), registry);
