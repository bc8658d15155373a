// The Glue 5.0 job and its security configuration, as the arguments of the two resources: pure, so what AWS
// receives is tested without Pulumi (Glue API: CreateJob, CreateSecurityConfiguration).
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedGlueSettings } from "./glue-settings.js";

/** Glue 5.0: Spark 3.5.4, Python 3.11, Java 17, Iceberg 1.7.1, Delta 3.3.0, the versions the local lake runs. */
export const GLUE_VERSION = "5.0";

/**
 * S3 data (SSE-KMS), CloudWatch Logs (SSE-KMS) and job bookmarks (CSE-KMS, the only mode bookmarks have) encrypted
 * with the job's key.
 */
export function glueSecurityConfigurationArgs(
  kmsKeyArn: pulumi.Input<string>,
): aws.glue.SecurityConfigurationArgs {
  return {
    encryptionConfiguration: {
      s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn },
      cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn },
      jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn },
    },
  };
}

export interface GlueJobInput {
  readonly description: string;
  readonly roleArn: pulumi.Input<string>;
  readonly scriptUri: pulumi.Input<string>;
  readonly securityConfiguration: pulumi.Input<string>;
  readonly defaultArguments: pulumi.Input<Record<string, string>>;
  readonly settings: ResolvedGlueSettings;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A Spark (`glueetl`) job of Glue 5.0 running the uploaded script with the resolved settings. */
export function glueJobArgs(i: GlueJobInput): aws.glue.JobArgs {
  const s = i.settings;
  return {
    roleArn: i.roleArn,
    description: i.description,
    glueVersion: GLUE_VERSION,
    command: { name: "glueetl", scriptLocation: i.scriptUri, pythonVersion: "3" },
    workerType: s.workerType,
    numberOfWorkers: s.numberOfWorkers,
    executionClass: s.executionClass,
    timeout: s.timeoutMinutes,
    maxRetries: s.maxRetries,
    executionProperty: { maxConcurrentRuns: s.maxConcurrentRuns },
    securityConfiguration: i.securityConfiguration,
    defaultArguments: i.defaultArguments,
    tags: i.tags,
  };
}
