// The puller function's Lambda entry: clients and the pull config are made once per execution environment.
import { Logger } from "@aws-lambda-powertools/logger";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { setTimeout as sleep } from "node:timers/promises";
import { awsClientConfig, jsonVariable } from "../environment.js";
import { parsePullConfig } from "./config.js";
import { createPullerHandler } from "./puller.js";

const env = process.env;
export const handler = createPullerHandler({
  s3: new S3Client(awsClientConfig(env)),
  secrets: new SecretsManagerClient(awsClientConfig(env)),
  logger: new Logger({ serviceName: "lake-puller" }),
  config: parsePullConfig(jsonVariable(env, "LAKE_PULL_CONFIG")),
  fetch: globalThis.fetch,
  sleep: async (ms) => {
    await sleep(ms);
  },
  random: Math.random,
  now: () => new Date(),
});
