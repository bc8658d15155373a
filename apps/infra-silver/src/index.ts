// The silver stack's program: `pulumi up` here, or `make plan` offline. Every output is documented in README.md.
import { registry } from "@lake/schemas";
import { loadSilverConfig } from "./config.js";
import { createSilverStack } from "./stack.js";

const outputs = createSilverStack(loadSilverConfig(), registry);

export const kmsKeyArn = outputs.kmsKeyArn;
export const accessLogBucketName = outputs.accessLogBucketName;
export const silverBucketName = outputs.silverBucketName;
export const silverBucketArn = outputs.silverBucketArn;
export const silverDatabaseName = outputs.silverDatabaseName;
export const silverDatabaseArn = outputs.silverDatabaseArn;
export const jobPackageUri = outputs.jobPackageUri;
export const jobPackageSha256 = outputs.jobPackageSha256;
export const tableNames = outputs.tableNames;
export const bronzeToSilverJobs = outputs.bronzeToSilverJobs;
export const qualityJobs = outputs.qualityJobs;
export const rulesetNames = outputs.rulesetNames;
