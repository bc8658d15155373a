import * as aws from "@pulumi/aws";
import { validateResourceOfType, type PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../policy.js";
import { isNamed, ofType } from "../stack-resources.js";

export const glueSecurityConfigurationEncryption = resourcePolicy({
  name: "glue-security-configuration-encryption",
  description:
    "Glue security configurations encrypt S3 output (SSE-KMS), CloudWatch logs (SSE-KMS) and job bookmarks (CSE-KMS), each with a KMS key.",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-GL1", "AwsSolutions-GL3"],
  validateResource: [
    validateResourceOfType(aws.glue.SecurityConfiguration, (configuration, _args, report) => {
      const encryption = configuration.encryptionConfiguration;
      const parts = [
        ["S3 data", encryption.s3Encryption?.s3EncryptionMode, "SSE-KMS", encryption.s3Encryption?.kmsKeyArn],
        [
          "CloudWatch logs",
          encryption.cloudwatchEncryption?.cloudwatchEncryptionMode,
          "SSE-KMS",
          encryption.cloudwatchEncryption?.kmsKeyArn,
        ],
        [
          "job bookmarks",
          encryption.jobBookmarksEncryption?.jobBookmarksEncryptionMode,
          "CSE-KMS",
          encryption.jobBookmarksEncryption?.kmsKeyArn,
        ],
      ] as const;
      for (const [what, mode, wanted, key] of parts) {
        if (mode !== wanted)
          report(`encrypts ${what} with ${mode ?? "DISABLED (the default)"}, not ${wanted}`);
        else if (!key) report(`encrypts ${what} with ${wanted} but names no kmsKeyArn`);
      }
    }),
  ],
});

/**
 * Reports each resource of `subjects` whose `securityConfiguration` is unset or names no security configuration of
 * this stack (one that is not in the stack cannot be checked by glue-security-configuration-encryption).
 */
function usesStackSecurityConfiguration(
  kind: string,
  subjects: readonly PolicyResource[],
  all: readonly PolicyResource[],
  report: (m: string, urn: string) => void,
) {
  const configurations = ofType(all, aws.glue.SecurityConfiguration);
  for (const subject of subjects) {
    const name: unknown = subject.props["securityConfiguration"];
    if (name === undefined || name === "") {
      report(
        `${kind} ${subject.name} has no securityConfiguration: its logs and bookmarks are not KMS-encrypted`,
        subject.urn,
      );
    } else if (!configurations.some((c) => isNamed(c, name))) {
      report(
        `${kind} ${subject.name} names security configuration ${typeof name === "string" ? name : JSON.stringify(name)}, which this stack does not define, so its encryption cannot be checked`,
        subject.urn,
      );
    }
  }
}

export const glueJobSecurityConfiguration = stackPolicy({
  name: "glue-job-security-configuration",
  description:
    "Every Glue job names a security configuration defined in the same stack (which glue-security-configuration-encryption then checks).",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-GL1", "AwsSolutions-GL3"],
  reads: [aws.glue.Job, aws.glue.SecurityConfiguration],
  validateStack: (args, report) =>
    usesStackSecurityConfiguration("job", ofType(args.resources, aws.glue.Job), args.resources, report),
});

export const glueCrawlerSecurityConfiguration = stackPolicy({
  name: "glue-crawler-security-configuration",
  description:
    "Every Glue crawler names a security configuration defined in the same stack, so its CloudWatch logs are KMS-encrypted.",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-GL1"],
  reads: [aws.glue.Crawler, aws.glue.SecurityConfiguration],
  validateStack: (args, report) =>
    usesStackSecurityConfiguration(
      "crawler",
      ofType(args.resources, aws.glue.Crawler),
      args.resources,
      report,
    ),
});

/**
 * Glue versions by job command with support (AWS Glue version support policy): Spark 0.9, 1.0 and 2.0 are at end of
 * support and end of life; 3.0 runs Spark 3.1 on Python 3.7, both past their community end of life, the trigger the
 * policy names; 4.0 (Spark 3.3, Python 3.10), 5.0 (Spark 3.5.4, Python 3.11, what this lake targets) and 5.1 are
 * current. Python shell runs Python 3.9 on Glue 3.0 (Python 3.6 on 1.0 is at end of support); Ray runs on 4.0.
 */
const MINIMUM_GLUE_VERSION: Readonly<Record<string, number>> = {
  glueetl: 4.0,
  gluestreaming: 4.0,
  pythonshell: 3.0,
  glueray: 4.0,
};

export const glueJobCurrentVersion = resourcePolicy({
  name: "glue-job-current-version",
  description:
    "Glue jobs name their Glue version (the default for a job without one changes over time) and use a current one: Spark 4.0 or later, Python shell 3.0 (Python 3.9), Ray 4.0.",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.glue.Job, (job, _args, report) => {
      const command = job.command.name ?? "glueetl";
      const minimum = MINIMUM_GLUE_VERSION[command];
      if (minimum === undefined) {
        report(`runs command ${command}, which has no known Glue version`);
        return;
      }
      if (job.glueVersion === undefined) {
        report(`has no glueVersion; set it (${minimum.toFixed(1)} or later for ${command})`);
        return;
      }
      const version = Number(job.glueVersion);
      if (!Number.isFinite(version))
        report(`has glueVersion ${job.glueVersion}, which is not a Glue version`);
      else if (version < minimum) {
        report(`runs on Glue ${job.glueVersion}, older than ${minimum.toFixed(1)} for ${command} jobs`);
      } else if (command === "pythonshell" && job.command.pythonVersion !== "3.9") {
        report(
          `is a Python shell job on Python ${job.command.pythonVersion ?? "3 (3.6)"}; use pythonVersion 3.9`,
        );
      }
    }),
  ],
});

export const gluePolicies = [
  glueSecurityConfigurationEncryption,
  glueJobSecurityConfiguration,
  glueCrawlerSecurityConfiguration,
  glueJobCurrentVersion,
];
