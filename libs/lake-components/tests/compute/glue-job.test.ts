import { describe, expect, it } from "vitest";
import { glueJobArgs, glueSecurityConfigurationArgs } from "../../src/compute/glue-job.js";
import { resolveGlueSettings } from "../../src/compute/glue-settings.js";

describe("glueSecurityConfigurationArgs", () => {
  it("encrypts S3 data and logs with SSE-KMS and bookmarks with CSE-KMS, all with the one key", () => {
    expect(glueSecurityConfigurationArgs("arn:k")).toEqual({
      encryptionConfiguration: {
        s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: "arn:k" },
        cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: "arn:k" },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: "arn:k" },
      },
    });
  });
});

describe("glueJobArgs", () => {
  const base = {
    description: "bronze -> silver for silver.customers",
    roleArn: "arn:role",
    scriptUri: "s3://b/s.py",
    securityConfiguration: "sec",
    defaultArguments: { "--env": "dev" },
  };

  it.each([
    [
      "the defaults",
      {},
      { workerType: "G.1X", numberOfWorkers: 2, executionClass: "STANDARD", timeout: 60, maxRetries: 1 },
    ],
    [
      "Flex on two G.2X workers with no retry",
      { workerType: "G.2X" as const, executionClass: "FLEX" as const, maxRetries: 0 },
      { workerType: "G.2X", executionClass: "FLEX", maxRetries: 0 },
    ],
  ])("is a Glue %s Spark job with %s", (_, settings, expected) => {
    const args = glueJobArgs({ ...base, settings: resolveGlueSettings(settings) });
    expect(args).toMatchObject({
      ...expected,
      // Glue 5.0: Spark 3.5.4 and Python 3.11, the versions the local lake runs.
      glueVersion: "5.0",
      command: { name: "glueetl", scriptLocation: "s3://b/s.py", pythonVersion: "3" },
      securityConfiguration: "sec",
      executionProperty: { maxConcurrentRuns: 1 },
      description: base.description,
    });
  });
});
