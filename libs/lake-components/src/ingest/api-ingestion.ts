import {
  functionBundle,
  pullConfigSchema,
  type FunctionBundle,
  type PullSettingsInput,
} from "@lake/ingest-functions";
import type { DatasetContract } from "@lake/schemas";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { awsContext } from "../aws-context.js";
import {
  kmsStatements,
  lambdaInvokeStatement,
  s3ObjectStatement,
  secretReadStatement,
  sqsSendStatement,
} from "../iam/policy-document.js";
import { ServiceRole } from "../iam/service-role.js";
import { autoNamed, physicalName } from "../physical-names.js";
import { encryptedQueue } from "../storage/encrypted-queue.js";
import type { BucketRef } from "../storage/lake-bucket.js";
import { IngestFunction } from "./ingest-function.js";
import {
  invocationRetryProblems,
  SCHEDULED_INPUT,
  scheduleExpressionProblems,
  scheduleRetryProblems,
  type InvocationRetry,
  type ScheduleRetry,
} from "./scheduler-settings.js";
import { secretPolicyArn, secretReferenceProblems } from "./secrets.js";

export interface ApiIngestionArgs {
  /** An `api` contract; its schedule is the pull's. */
  readonly contract: DatasetContract;
  readonly bucket: BucketRef;
  /** How to pull the API (`@lake/ingest-functions` pullSettingsSchema): endpoint, paging, records, retries. */
  readonly pull: PullSettingsInput;
  /** Secrets Manager secret (ARN or name) with the API credential. */
  readonly secret: string;
  /** The key the secret is encrypted with, when it is a customer managed key. */
  readonly secretKmsKeyArn?: string;
  /** The stack's schedule group. Defaults to Scheduler's `default` group. */
  readonly scheduleGroupName?: pulumi.Input<string>;
  /** Defaults to 3 attempts within an hour. */
  readonly scheduleRetry?: ScheduleRetry;
  /** Defaults to Lambda's 2 retries within an hour. */
  readonly invocationRetry?: InvocationRetry;
  /** Defaults to 300 seconds: room for the puller's backoff and Retry-After waits. */
  readonly timeoutSeconds?: number;
  readonly bundle?: FunctionBundle;
  readonly logRetentionDays?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Ingestion of one `api` source: an EventBridge Scheduler schedule (the contract's cron, UTC, its input
 * encrypted with the lake key) invokes the puller function asynchronously with the scheduled time; the puller
 * reads the credential from Secrets Manager and writes the pages as JSON lines into the source's bronze day.
 * Failures end in one encrypted dead-letter queue: invocations Scheduler could not deliver (its deadLetterConfig)
 * and pulls that failed every Lambda retry (the function's on-failure destination).
 */
export class ApiIngestion extends pulumi.ComponentResource {
  public readonly functionName: pulumi.Output<string>;
  public readonly scheduleName: pulumi.Output<string>;
  public readonly deadLetterQueueArn: pulumi.Output<string>;

  constructor(name: string, args: ApiIngestionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:ingest:ApiIngestion", name, {}, opts);
    const c = args.contract;
    const scheduleRetry = args.scheduleRetry ?? { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 };
    const invocationRetry = args.invocationRetry ?? {
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 3600,
    };
    const source = c.source?.kind === "api" ? c.source : undefined;
    // The puller's own schema checks the settings now, so a bad endpoint fails the plan, not the first pull.
    const config = pullConfigSchema.safeParse({
      ...args.pull,
      source: c.name,
      bucket: "bucket-known-at-deploy",
      auth: { ...args.pull.auth, secretId: args.secret },
    });
    const problems = [
      ...(source ? scheduleExpressionProblems(source.schedule) : [`dataset ${c.name} is not an api source`]),
      ...(config.success ? [] : [`pull: ${z.prettifyError(config.error).replace(/\n/g, " ")}`]),
      ...secretReferenceProblems(args.secret),
      ...scheduleRetryProblems(scheduleRetry),
      ...invocationRetryProblems(invocationRetry),
    ];
    if (problems.length > 0 || !source || !config.success) {
      throw new pulumi.ResourceError(`ApiIngestion ${name}: ${problems.join("; ")}`, this);
    }
    const ctx = awsContext(this);
    const key = args.bucket.kmsKeyArn;
    const secretArn = pulumi
      .all([ctx.partition, ctx.region, ctx.accountId])
      .apply(([partition, region, accountId]) =>
        secretPolicyArn(args.secret, { partition, region, accountId }),
      );

    const dlq = encryptedQueue(`${name}-failures`, { kmsKeyArn: key, tags: args.tags }, this);
    // Senders to an SSE-KMS queue need the queue's key.
    const sendFailures = [
      sqsSendStatement([dlq.queue.arn]),
      ...kmsStatements([key], "encrypt", "FailureQueueKey"),
    ];

    const fn = new IngestFunction(
      `${name}-puller`,
      {
        bundle: args.bundle ?? functionBundle("puller"),
        description: `Pulls ${c.name} from its API into bronze`,
        statements: [
          s3ObjectStatement(
            { bucketArn: args.bucket.bucketArn, prefixes: [source.bronzePrefix] },
            ["s3:PutObject"],
            "WriteBronze",
          ),
          ...kmsStatements([key], "encrypt", "BronzeKey"),
          secretReadStatement([secretArn], "ReadSecret"),
          ...(args.secretKmsKeyArn ? kmsStatements([args.secretKmsKeyArn], "decrypt", "SecretKey") : []),
          ...sendFailures,
        ],
        environment: {
          LAKE_PULL_CONFIG: pulumi.jsonStringify({ ...config.data, bucket: args.bucket.bucketName }),
        },
        logKmsKeyArn: key,
        timeoutSeconds: args.timeoutSeconds ?? 300,
        // One pull at a time: two would write the same scheduled object and double the API's load.
        reservedConcurrency: 1,
        logRetentionDays: args.logRetentionDays,
        tags: args.tags,
      },
      { parent: this },
    );
    new aws.lambda.FunctionEventInvokeConfig(
      `${name}-puller-async`,
      {
        functionName: fn.functionName,
        maximumRetryAttempts: invocationRetry.maximumRetryAttempts,
        maximumEventAgeInSeconds: invocationRetry.maximumEventAgeInSeconds,
        destinationConfig: { onFailure: { destination: dlq.queue.arn } },
      },
      { parent: this, dependsOn: [fn] },
    );

    const schedulerRole = new ServiceRole(
      `${name}-schedule`,
      {
        service: "scheduler.amazonaws.com",
        sourceAccount: ctx.accountId,
        description: `EventBridge Scheduler invokes the ${c.name} puller`,
        statements: [lambdaInvokeStatement([fn.functionArn]), ...sendFailures],
        tags: args.tags,
      },
      { parent: this },
    );
    const schedule = new aws.scheduler.Schedule(
      autoNamed("aws:scheduler/schedule:Schedule", `${name}-schedule`),
      {
        name: physicalName("aws:scheduler/schedule:Schedule", name),
        groupName: args.scheduleGroupName,
        description: `Pulls ${c.name} on its contract's schedule`,
        scheduleExpression: source.schedule,
        scheduleExpressionTimezone: "UTC",
        flexibleTimeWindow: { mode: "OFF" },
        state: "ENABLED",
        kmsKeyArn: key,
        target: {
          arn: fn.functionArn,
          roleArn: schedulerRole.roleArn,
          input: SCHEDULED_INPUT,
          retryPolicy: scheduleRetry,
          deadLetterConfig: { arn: dlq.queue.arn },
        },
      },
      { parent: this, dependsOn: [schedulerRole, dlq.policy] },
    );

    this.functionName = fn.functionName;
    this.scheduleName = schedule.name;
    this.deadLetterQueueArn = dlq.queue.arn;
    this.registerOutputs({
      functionName: this.functionName,
      scheduleName: this.scheduleName,
      deadLetterQueueArn: this.deadLetterQueueArn,
    });
  }
}
