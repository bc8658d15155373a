// The cataloging function's Lambda entry: clients and settings are made once per execution environment.
import { Logger } from "@aws-lambda-powertools/logger";
import { GlueClient } from "@aws-sdk/client-glue";
import { S3Client } from "@aws-sdk/client-s3";
import { awsClientConfig, jsonVariable, requiredVariable } from "../environment.js";
import { createCatalogingHandler } from "./catalog.js";

/** `LAKE_CRAWLERS`: `{ "<source>": "<crawler name>" }`. */
export function crawlersOf(value: unknown): Record<string, string> {
  const valid =
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === "string" && v !== "");
  if (!valid)
    throw new Error('LAKE_CRAWLERS must be a JSON object of crawler names, {"<source>": "<crawler>"}');
  return value as Record<string, string>;
}

const env = process.env;
export const handler = createCatalogingHandler({
  s3: new S3Client(awsClientConfig(env)),
  glue: new GlueClient(awsClientConfig(env)),
  logger: new Logger({ serviceName: "lake-cataloging" }),
  bucket: requiredVariable(env, "LAKE_BRONZE_BUCKET"),
  crawlers: crawlersOf(jsonVariable(env, "LAKE_CRAWLERS")),
});
