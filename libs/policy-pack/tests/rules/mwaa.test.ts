import { mwaaAllLogs, mwaaCustomerManagedKey, mwaaPrivateWebserver } from "../../src/rules/mwaa.js";
import { describeRule, resource, set, UNKNOWN } from "../helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const info = { enabled: true, logLevel: "INFO" };
const environment = resource("aws:mwaa/environment:Environment", "airflow", {
  dagS3Path: "dags/",
  executionRoleArn: "arn:aws:iam::123456789012:role/airflow",
  sourceBucketArn: "arn:aws:s3:::lake-dags",
  networkConfiguration: { securityGroupIds: ["sg-1"], subnetIds: ["subnet-1", "subnet-2"] },
  webserverAccessMode: "PRIVATE_ONLY",
  kmsKey: KEY,
  loggingConfiguration: {
    dagProcessingLogs: { ...info },
    schedulerLogs: { ...info },
    taskLogs: { ...info },
    webserverLogs: { enabled: true, logLevel: "DEBUG" },
    workerLogs: { enabled: true },
  },
});

describeRule({
  policy: mwaaPrivateWebserver,
  valid: environment,
  violations: [
    [
      "a public web server",
      set("webserverAccessMode", "PUBLIC_ONLY"),
      /serves the Airflow web server with PUBLIC_ONLY/,
    ],
    [
      "a public and private web server",
      set("webserverAccessMode", "PUBLIC_AND_PRIVATE"),
      /PUBLIC_AND_PRIVATE/,
    ],
  ],
  accepted: [["the default access mode", set("webserverAccessMode", undefined)]],
  unknown: set("webserverAccessMode", UNKNOWN),
});

const logTypes = ["dagProcessingLogs", "schedulerLogs", "taskLogs", "webserverLogs", "workerLogs"];

describeRule({
  policy: mwaaAllLogs,
  valid: environment,
  violations: [
    ...logTypes.map(
      (t) =>
        [
          `${t} off`,
          set(`loggingConfiguration.${t}.enabled`, false),
          new RegExp(`does not send ${t}`),
        ] as const,
    ),
    [
      "task logs at WARNING",
      set("loggingConfiguration.taskLogs.logLevel", "WARNING"),
      /sends taskLogs at WARNING only; use INFO/,
    ],
    ["task logs not configured", set("loggingConfiguration.taskLogs", undefined), /does not send taskLogs/],
  ],
  unknown: set("loggingConfiguration.schedulerLogs", UNKNOWN),
});

describeRule({
  policy: mwaaCustomerManagedKey,
  valid: environment,
  violations: [
    ["no key (aws/airflow)", set("kmsKey", undefined), /AWS managed key aws\/airflow/],
    [
      "the AWS managed key by alias",
      set("kmsKey", "arn:aws:kms:eu-west-1:1:alias/aws/airflow"),
      /aws\/airflow/,
    ],
  ],
  unknown: set("kmsKey", UNKNOWN),
});
