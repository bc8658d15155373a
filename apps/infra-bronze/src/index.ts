// The bronze stack's program: `pulumi up` here, or `make plan` offline. Its outputs are the contract
// `bronzeStack` of @lake/stacks (documented there and in README.md).
import { registry } from "@lake/schemas";
import { bronzeConfig } from "./config.js";
import { createBronzeStack } from "./stack.js";

export const {
  kmsKeyArn,
  accessLogBucketName,
  bronzeBucketName,
  bronzeBucketArn,
  bronzeDatabaseName,
  crawlerNames,
  ingestion,
} = createBronzeStack(bronzeConfig.load(), registry);
