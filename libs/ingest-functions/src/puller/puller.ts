// The puller function: read the credential, pull every page, write the records into the source's bronze day.
// A failure throws: Lambda retries the asynchronous invocation and then sends it to the on-failure destination.
import type { Logger } from "@aws-lambda-powertools/logger";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { PullConfig } from "./config.js";
import { PullError, type HttpDependencies } from "./http.js";
import { jsonLines, pullAllPages, pullObjectKey, valueAt } from "./pull.js";

export interface PullerDependencies extends HttpDependencies {
  readonly s3: S3Client;
  readonly secrets: SecretsManagerClient;
  readonly logger: Logger;
  readonly config: PullConfig;
}

/** What a schedule sends: `{ "scheduledTime": "<aws.scheduler.scheduled-time>" }`; a manual run may send nothing. */
export interface PullEvent {
  readonly scheduledTime?: string;
}

export interface PullSummary {
  readonly source: string;
  readonly pages: number;
  readonly records: number;
  /** The object written; null when the API had no records. */
  readonly key: string | null;
}

/** The request header that carries the credential, from the secret as the config says to read it. */
export async function authorizationHeader(
  secrets: SecretsManagerClient,
  auth: PullConfig["auth"],
): Promise<Record<string, string>> {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: auth.secretId }));
  const text = secret.SecretString;
  if (text === undefined) throw new PullError(`secret ${auth.secretId} holds no SecretString`);
  let token: unknown = text;
  if (auth.secretField !== undefined) {
    try {
      token = valueAt(JSON.parse(text), auth.secretField);
    } catch {
      throw new PullError(`secret ${auth.secretId} is not JSON, so it has no field ${auth.secretField}`);
    }
  }
  if (typeof token !== "string" || token === "") {
    throw new PullError(`secret ${auth.secretId} has no text at ${auth.secretField ?? "its value"}`);
  }
  return { [auth.header]: auth.scheme === "" ? token : `${auth.scheme} ${token}` };
}

/** The instant the run is for: the schedule's, or now for a run nobody scheduled. */
export function scheduledTimeOf(event: PullEvent | null | undefined, now: Date): Date {
  const given = event?.scheduledTime;
  if (given === undefined) return now;
  const at = new Date(given);
  if (typeof given !== "string" || Number.isNaN(at.getTime())) {
    throw new PullError(`scheduledTime ${JSON.stringify(given)} is not an ISO 8601 time`);
  }
  return at;
}

export function createPullerHandler(deps: PullerDependencies) {
  const { config, logger } = deps;
  return async function handler(event: PullEvent | null | undefined): Promise<PullSummary> {
    const scheduled = scheduledTimeOf(event, deps.now());
    const authorization = await authorizationHeader(deps.secrets, config.auth);
    const { records, pages } = await pullAllPages(config, authorization, deps);
    if (records.length === 0) {
      logger.info("no records", { source: config.source, pages, scheduledTime: scheduled.toISOString() });
      return { source: config.source, pages, records: 0, key: null };
    }
    const key = pullObjectKey(config.source, scheduled);
    // No encryption header: the bucket's default (SSE-KMS with the bronze key) applies, as its policy expects.
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: config.bucket,
        Key: key,
        Body: jsonLines(records),
        ContentType: "application/x-ndjson",
      }),
    );
    logger.info("pulled", { source: config.source, pages, records: records.length, key });
    return { source: config.source, pages, records: records.length, key };
  };
}
