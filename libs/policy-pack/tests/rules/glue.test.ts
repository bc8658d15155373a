import {
  glueCrawlerSecurityConfiguration,
  glueJobCurrentVersion,
  glueJobSecurityConfiguration,
  glueSecurityConfigurationEncryption,
} from "../../src/rules/glue.js";
import { describeRule, remove, resource, set, setIn, UNKNOWN } from "../helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SECURITY = "aws:glue/securityConfiguration:SecurityConfiguration";

const securityConfiguration = resource(SECURITY, "job-security", {
  encryptionConfiguration: {
    s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: KEY },
    cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: KEY },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: KEY },
  },
});
const part = "encryptionConfiguration";

describeRule({
  policy: glueSecurityConfigurationEncryption,
  valid: securityConfiguration,
  violations: [
    [
      "S3 output with SSE-S3",
      set(`${part}.s3Encryption.s3EncryptionMode`, "SSE-S3"),
      /encrypts S3 data with SSE-S3, not SSE-KMS/,
    ],
    [
      "S3 output unencrypted",
      set(`${part}.s3Encryption.s3EncryptionMode`, "DISABLED"),
      /S3 data with DISABLED/,
    ],
    [
      "CloudWatch logs unencrypted",
      set(`${part}.cloudwatchEncryption.cloudwatchEncryptionMode`, undefined),
      /CloudWatch logs with DISABLED \(the default\)/,
    ],
    [
      "bookmarks unencrypted",
      set(`${part}.jobBookmarksEncryption.jobBookmarksEncryptionMode`, "DISABLED"),
      /job bookmarks with DISABLED, not CSE-KMS/,
    ],
    [
      "S3 encryption without a key",
      set(`${part}.s3Encryption.kmsKeyArn`, undefined),
      /S3 data with SSE-KMS but names no kmsKeyArn/,
    ],
    [
      "bookmark encryption without a key",
      set(`${part}.jobBookmarksEncryption.kmsKeyArn`, ""),
      /job bookmarks with CSE-KMS but names no kmsKeyArn/,
    ],
  ],
  unknown: set(`${part}.cloudwatchEncryption.kmsKeyArn`, UNKNOWN),
});

const job = resource("aws:glue/job:Job", "b2s-customers-job", {
  command: { name: "glueetl", pythonVersion: "3", scriptLocation: "s3://b/script.py" },
  glueVersion: "5.0",
  roleArn: "arn:aws:iam::123456789012:role/job",
  securityConfiguration: "job-security-1f2e3d4",
});
const crawler = resource("aws:glue/crawler:Crawler", "customers-crawler", {
  databaseName: "bronze",
  role: "arn:aws:iam::123456789012:role/crawler",
  securityConfiguration: "crawler-security",
  s3Targets: [{ path: "s3://b/source=customers/" }],
});
const stack = [
  job,
  securityConfiguration,
  crawler,
  resource(SECURITY, "crawler-security-config", { name: "crawler-security", encryptionConfiguration: {} }),
];

describeRule({
  policy: glueJobSecurityConfiguration,
  valid: stack,
  violations: [
    [
      "a job without security configuration",
      setIn("b2s-customers-job", "securityConfiguration", undefined),
      /job b2s-customers-job has no securityConfiguration/,
    ],
    [
      "a job naming a configuration outside the stack",
      setIn("b2s-customers-job", "securityConfiguration", "shared-security"),
      /names security configuration shared-security, which this stack does not define/,
    ],
    [
      "a job whose configuration was removed",
      remove("job-security"),
      /names security configuration job-security-1f2e3d4, which this stack does not define/,
    ],
  ],
  unknown: setIn("b2s-customers-job", "securityConfiguration", UNKNOWN),
});

describeRule({
  policy: glueCrawlerSecurityConfiguration,
  valid: stack,
  violations: [
    [
      "a crawler without security configuration",
      setIn("customers-crawler", "securityConfiguration", undefined),
      /crawler customers-crawler has no securityConfiguration/,
    ],
    [
      "a crawler naming a configuration by its logical name",
      setIn("customers-crawler", "securityConfiguration", "crawler-security-config"),
      /names security configuration crawler-security-config/,
    ],
  ],
  unknown: setIn("crawler-security-config", "name", UNKNOWN),
});

describeRule({
  policy: glueJobCurrentVersion,
  valid: job,
  violations: [
    [
      "no glueVersion",
      set("glueVersion", undefined),
      /has no glueVersion; set it \(4.0 or later for glueetl\)/,
    ],
    ["Glue 3.0", set("glueVersion", "3.0"), /runs on Glue 3.0, older than 4.0 for glueetl jobs/],
    [
      "Glue 2.0 streaming",
      (j) => set("glueVersion", "2.0")(set("command.name", "gluestreaming")(j)),
      /older than 4.0 for gluestreaming/,
    ],
    [
      "a version that is not a number",
      set("glueVersion", "latest"),
      /glueVersion latest, which is not a Glue version/,
    ],
    [
      "a Python shell job on Python 3.6",
      (j) => set("glueVersion", "3.0")(set("command.name", "pythonshell")(j)),
      /Python shell job on Python 3; use pythonVersion 3.9/,
    ],
    [
      "a Python shell job on Glue 1.0",
      (j) =>
        set("glueVersion", "1.0")(set("command.pythonVersion", "3.9")(set("command.name", "pythonshell")(j))),
      /older than 3.0 for pythonshell/,
    ],
    [
      "an unknown command",
      set("command.name", "gluecustom"),
      /command gluecustom, which has no known Glue version/,
    ],
  ],
  accepted: [
    ["Glue 4.0", set("glueVersion", "4.0")],
    ["Glue 5.1", set("glueVersion", "5.1")],
    [
      "a Python shell job on Python 3.9",
      (j) =>
        set("glueVersion", "3.0")(set("command.pythonVersion", "3.9")(set("command.name", "pythonshell")(j))),
    ],
    ["a Ray job on 4.0", (j) => set("glueVersion", "4.0")(set("command.name", "glueray")(j))],
  ],
  unknown: set("glueVersion", UNKNOWN),
});
