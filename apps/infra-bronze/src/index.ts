// The bronze stack's program: `pulumi up` here, or `make plan` offline. Every output is documented in README.md.
import { registry } from "@lake/schemas";
import { loadBronzeConfig } from "./config.js";
import { createBronzeStack } from "./stack.js";

const outputs = createBronzeStack(loadBronzeConfig(), registry);

export const kmsKeyArn = outputs.kmsKeyArn;
export const accessLogBucketName = outputs.accessLogBucketName;
export const bronzeBucketName = outputs.bronzeBucketName;
export const bronzeBucketArn = outputs.bronzeBucketArn;
export const bronzeDatabaseName = outputs.bronzeDatabaseName;
export const crawlerNames = outputs.crawlerNames;
