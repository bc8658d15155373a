import { functionBundle, parsePullConfig } from "@lake/ingest-functions";
import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { ApiIngestion } from "../../src/ingest/api-ingestion.js";
import { policyOf, resolve, resource, resourcesOf, settled, statementsBySid } from "../helpers.js";

const bucket = {
  bucketName: "lake-bronze",
  bucketArn: "arn:aws:s3:::lake-bronze",
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/bronze",
};
const pull = {
  url: "https://helpdesk.example.com/api/v2/tickets",
  pagination: { mode: "cursor" as const, cursorParam: "cursor", nextCursorPath: "meta.next_cursor" },
  itemsPath: "tickets",
  auth: { secretField: "token" },
  receivedAtField: "ingestion_timestamp",
};
const args = { contract: registry.get("support_tickets"), bucket, pull, secret: "lake-dev/helpdesk-api" };

describe("ApiIngestion", async () => {
  const api = new ApiIngestion("tickets", { ...args, scheduleGroupName: "lake-dev-ingest" });
  const [dlqArn, functionName] = await Promise.all([
    resolve(api.deadLetterQueueArn),
    resolve(api.functionName),
  ]);
  await settled();
  const fn = resource("aws:lambda/function:Function", "tickets-puller-fn");
  const schedule = resource("aws:scheduler/schedule:Schedule", "tickets-schedule");

  it("schedules the pull on the contract's cron, with the scheduled time, a retry policy, a DLQ and the lake key", () => {
    expect(schedule.inputs).toMatchObject({
      name: "tickets",
      groupName: "lake-dev-ingest",
      scheduleExpression: "cron(5 * * * ? *)",
      scheduleExpressionTimezone: "UTC",
      flexibleTimeWindow: { mode: "OFF" },
      kmsKeyArn: bucket.kmsKeyArn,
      target: {
        arn: fn.state.arn,
        input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}',
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: dlqArn },
      },
    });
    const policy = policyOf(resourcesOf("aws:iam/rolePolicy:RolePolicy", "tickets-schedule")[0]!);
    expect(policy.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ["InvokeFunction", [fn.state.arn]],
      ["SendToQueue", [dlqArn]],
      ["FailureQueueKey", [bucket.kmsKeyArn]],
    ]);
  });

  it("runs the puller bundle with its validated config, one at a time, failures to the same DLQ", () => {
    expect(fn.inputs).toMatchObject({ runtime: "nodejs22.x", timeout: 300, reservedConcurrentExecutions: 1 });
    const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    const config = parsePullConfig(JSON.parse(variables.LAKE_PULL_CONFIG!));
    expect(config).toMatchObject({
      source: "support_tickets",
      bucket: "lake-bronze",
      url: pull.url,
      itemsPath: "tickets",
      auth: {
        secretId: "lake-dev/helpdesk-api",
        secretField: "token",
        header: "Authorization",
        scheme: "Bearer",
      },
    });
    const code = fn.wireInputs.code as { assets: Record<string, { text: string }> };
    expect(code.assets["index.js"]?.text).toBe(functionBundle("puller").code);
    const invoke = resource(
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
      "tickets-puller-async",
    );
    expect(invoke.inputs).toMatchObject({
      functionName,
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 3600,
      destinationConfig: { onFailure: { destination: dlqArn } },
    });
    expect(resource("aws:sqs/queue:Queue", "tickets-failures").inputs.kmsMasterKeyId).toBe(bucket.kmsKeyArn);
  });

  it("lets the puller write only its source's folder and read only its secret", () => {
    const bySid = Object.fromEntries(
      Object.entries(statementsBySid(resourcesOf("aws:iam/rolePolicy:RolePolicy", "tickets-puller")[0]!)).map(
        ([sid, st]) => [sid, [st.Action, st.Resource]],
      ),
    );
    expect(bySid.WriteBronze).toEqual([
      ["s3:PutObject"],
      ["arn:aws:s3:::lake-bronze/source=support_tickets/*"],
    ]);
    expect(bySid.ReadSecret).toEqual([
      ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:lake-dev/helpdesk-api-??????"],
    ]);
    expect(bySid.SendToQueue).toEqual([["sqs:SendMessage"], [dlqArn]]);
  });

  it.each([
    [{ contract: registry.get("customers") }, /customers is not an api source/],
    [{ pull: { ...pull, url: "http://helpdesk.example.com/x" } }, /pull: .*must be an https:\/\/ URL/],
    [
      { scheduleRetry: { maximumRetryAttempts: 200, maximumEventAgeInSeconds: 60 } },
      /schedule maximumRetryAttempts must be 0 to 185/,
    ],
    [
      { invocationRetry: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 60 } },
      /invocation maximumRetryAttempts must be 0 to 2/,
    ],
  ])("refuses %j", (change, message) => {
    expect(() => new ApiIngestion("bad", { ...args, ...change })).toThrow(message);
  });
});
