import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { resourcePolicy } from "../policy.js";

export const mwaaPrivateWebserver = resourcePolicy({
  name: "mwaa-private-webserver",
  description:
    "MWAA environments serve the Airflow UI inside the VPC only (webserverAccessMode PRIVATE_ONLY, the default).",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.mwaa.Environment, (environment, _args, report) => {
      const mode = environment.webserverAccessMode ?? "PRIVATE_ONLY";
      if (mode !== "PRIVATE_ONLY") report(`serves the Airflow web server with ${mode}`);
    }),
  ],
});

/** The five Airflow components MWAA can send logs for. */
const MWAA_LOG_TYPES = [
  "dagProcessingLogs",
  "schedulerLogs",
  "taskLogs",
  "webserverLogs",
  "workerLogs",
] as const;

export const mwaaAllLogs = resourcePolicy({
  name: "mwaa-all-logs",
  description:
    "MWAA environments send the logs of every Airflow component (DAG processing, scheduler, task, web server, worker) to CloudWatch at INFO or DEBUG; each is off unless enabled.",
  enforcementLevel: "mandatory",
  nagIds: ["MWAAAllLoggingInfo"],
  validateResource: [
    validateResourceOfType(aws.mwaa.Environment, (environment, _args, report) => {
      const logging = environment.loggingConfiguration;
      for (const type of MWAA_LOG_TYPES) {
        const module = logging?.[type];
        if (module?.enabled !== true) report(`does not send ${type}`);
        else if (!["INFO", "DEBUG"].includes(module.logLevel ?? "INFO")) {
          report(`sends ${type} at ${module.logLevel} only; use INFO`);
        }
      }
    }),
  ],
});

export const mwaaCustomerManagedKey = resourcePolicy({
  name: "mwaa-customer-managed-key",
  description:
    "MWAA environments encrypt with a customer managed KMS key (kmsKey); without one MWAA uses the AWS managed aws/airflow.",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.mwaa.Environment, (environment, _args, report) => {
      if (!environment.kmsKey || /alias\/aws\/airflow$/.test(environment.kmsKey)) {
        report("encrypts with the AWS managed key aws/airflow; set kmsKey to a customer managed key");
      }
    }),
  ],
});

export const mwaaPolicies = [mwaaPrivateWebserver, mwaaAllLogs, mwaaCustomerManagedKey];
