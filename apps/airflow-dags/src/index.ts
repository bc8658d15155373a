// The orchestration stack's program: `pulumi up` here, or `make plan` offline. Its outputs are the contract
// `airflowStack` of @lake/stacks (documented there and in README.md).
import { registry } from "@lake/schemas";
import { airflowConfig } from "./config.js";
import { createAirflowStack } from "./stack.js";

export const {
  environmentName,
  environmentArn,
  webserverUrl,
  executionRoleArn,
  dagBucketName,
  dagObjects,
  requirementsVersion,
  vpcId,
  subnetIds,
  securityGroupIds,
  manifest,
} = createAirflowStack(airflowConfig.load(), registry);
