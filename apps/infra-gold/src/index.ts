// The gold stack's program: `pulumi up` here, or `make plan` offline. Every output is documented in README.md.
import { registry } from "@lake/schemas";
import { loadGoldConfig } from "./config.js";
import { createGoldStack } from "./stack.js";

const outputs = createGoldStack(loadGoldConfig(), registry);

export const goldBucketName = outputs.goldBucketName;
export const goldBucketArn = outputs.goldBucketArn;
export const goldDatabaseName = outputs.goldDatabaseName;
export const goldDatabaseArn = outputs.goldDatabaseArn;
export const tables = outputs.tables;
export const silverToGoldJobs = outputs.silverToGoldJobs;
export const athenaWorkgroups = outputs.athenaWorkgroups;
export const athenaResultsBucketName = outputs.athenaResultsBucketName;
export const spectrum = outputs.spectrum;
