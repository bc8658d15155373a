// SDK clients pointed at the moto server of this test run, and the moto calls the tests need.
import { GlueClient } from "@aws-sdk/client-glue";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SQSClient } from "@aws-sdk/client-sqs";
import { inject } from "vitest";
import { awsClientConfig } from "../src/environment.js";

export const REGION = "eu-west-1";

/** What a client needs to talk to moto: its endpoint (as the functions read it), a region, any credentials. */
export function motoConfig() {
  return {
    ...awsClientConfig({ AWS_ENDPOINT_URL: inject("motoEndpoint") }),
    region: REGION,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  };
}

export const clients = () => ({
  s3: new S3Client(motoConfig()),
  glue: new GlueClient(motoConfig()),
  sqs: new SQSClient(motoConfig()),
  secrets: new SecretsManagerClient(motoConfig()),
});

/** moto's state manager: how Glue crawls move from RUNNING to COMPLETED (moto docs, "State Transitions"). */
export async function setCrawlTransition(
  transition: { progression: "immediate" } | { progression: "manual"; times: number },
) {
  const response = await fetch(`${inject("motoEndpoint")}/moto-api/state-manager/set-transition`, {
    method: "POST",
    body: JSON.stringify({ model_name: "glue::crawl", transition }),
  });
  if (!response.ok) throw new Error(`moto refused the transition: ${response.status}`);
}

/** A name no other test uses, so test files can share the one server. */
let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
