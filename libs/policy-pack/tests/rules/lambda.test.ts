import { describe, expect, it } from "vitest";
import {
  LAMBDA_RUNTIME_DEPRECATION,
  lambdaConcurrencyLimit,
  lambdaFailureDestination,
  lambdaNotPublic,
  lambdaSupportedRuntime,
} from "../../src/rules/lambda.js";
import { add, describeRule, findingsOf, remove, resource, set, setIn, UNKNOWN } from "../helpers.js";

const FN = "aws:lambda/function:Function";
const fn = resource(FN, "puller", {
  runtime: "nodejs22.x",
  handler: "index.handler",
  role: "arn:aws:iam::123456789012:role/puller",
  reservedConcurrentExecutions: 2,
  deadLetterConfig: { targetArn: "arn:aws:sqs:eu-west-1:123456789012:puller-dlq" },
});
/** The day the runtime rule judges on in these tests, so they do not change with the calendar. */
const asOf = { "lambda-supported-runtime": { asOf: "2026-12-01" } };

describeRule({
  policy: lambdaSupportedRuntime,
  valid: fn,
  config: asOf,
  violations: [
    [
      "a deprecated runtime",
      set("runtime", "nodejs20.x"),
      /runs nodejs20.x, deprecated by Lambda on 2026-04-30/,
    ],
    [
      "a runtime deprecated on the day",
      set("runtime", "dotnet8"),
      /dotnet8, deprecated by Lambda on 2026-11-10/,
    ],
    [
      "a runtime this pack does not know",
      set("runtime", "nodejs26.x"),
      /whose deprecation date this pack does not know/,
    ],
    ["no runtime", set("runtime", undefined), /has no runtime/],
  ],
  accepted: [
    ["a newer runtime", set("runtime", "nodejs24.x")],
    ["a container image", (f) => set("runtime", undefined)(set("packageType", "Image")(f))],
  ],
  unknown: set("runtime", UNKNOWN),
});

describe("lambda-supported-runtime, the day it judges on", () => {
  it("reports nodejs22.x once its deprecation day has come", async () => {
    const findings = await findingsOf(lambdaSupportedRuntime, fn, {
      "lambda-supported-runtime": { asOf: "2027-04-30" },
    });
    expect(findings.map((f) => f.message)).toEqual(["runs nodejs22.x, deprecated by Lambda on 2027-04-30"]);
  });

  it("knows every runtime the design names, with ISO dates", () => {
    expect(LAMBDA_RUNTIME_DEPRECATION["nodejs22.x"]).toBe("2027-04-30");
    for (const date of Object.values(LAMBDA_RUNTIME_DEPRECATION)) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describeRule({
  policy: lambdaConcurrencyLimit,
  valid: fn,
  violations: [
    [
      "no reserved concurrency",
      set("reservedConcurrentExecutions", undefined),
      /no reserved concurrency \(unbounded\)/,
    ],
    ["the unreserved value -1", set("reservedConcurrentExecutions", -1), /unbounded/],
    ["a reserved concurrency of 0", set("reservedConcurrentExecutions", 0), /throttles every invocation/],
  ],
  unknown: set("reservedConcurrentExecutions", UNKNOWN),
});

const schedule = resource("aws:scheduler/schedule:Schedule", "puller-schedule", {
  scheduleExpression: "rate(1 hour)",
  flexibleTimeWindow: { mode: "OFF" },
  target: {
    arn: "arn:aws:lambda:eu-west-1:123456789012:function:puller-0a1b2c3",
    roleArn: "arn:aws:iam::1:role/s",
  },
});
const scheduled = [fn, schedule];

describeRule({
  policy: lambdaFailureDestination,
  valid: scheduled,
  violations: [
    [
      "a scheduled function without dead-letter target",
      setIn("puller", "deadLetterConfig", undefined),
      /function puller is invoked asynchronously but has no deadLetterConfig/,
    ],
    [
      "a function S3 invokes, without dead-letter target",
      () => [
        set("deadLetterConfig", undefined)(fn),
        resource("aws:lambda/permission:Permission", "s3-invokes", {
          function: "puller-0a1b2c3",
          principal: "s3.amazonaws.com",
          action: "lambda:InvokeFunction",
        }),
      ],
      /function puller is invoked asynchronously/,
    ],
    [
      "an on-failure destination for another function",
      (s) =>
        add(
          resource("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "cfg", {
            functionName: "other-fn",
            destinationConfig: { onFailure: { destination: "arn:aws:sqs:eu-west-1:1:dlq" } },
          }),
        )(setIn("puller", "deadLetterConfig", undefined)(s)),
      /function puller is invoked asynchronously/,
    ],
  ],
  accepted: [
    [
      "an on-failure destination instead of a dead-letter queue",
      (s) =>
        add(
          resource("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "cfg", {
            functionName: "arn:aws:lambda:eu-west-1:1:function:puller-0a1b2c3",
            destinationConfig: { onFailure: { destination: "arn:aws:sqs:eu-west-1:1:dlq" } },
          }),
        )(setIn("puller", "deadLetterConfig", undefined)(s)),
    ],
    [
      "a function only an SQS event source mapping invokes",
      (s) =>
        add(
          resource("aws:lambda/eventSourceMapping:EventSourceMapping", "esm", {
            functionName: "puller-0a1b2c3",
            eventSourceArn: "arn:aws:sqs:eu-west-1:1:events",
          }),
        )(remove("puller-schedule")(setIn("puller", "deadLetterConfig", undefined)(s))),
    ],
  ],
  unknown: setIn("puller", "deadLetterConfig", UNKNOWN),
});

const permission = resource("aws:lambda/permission:Permission", "s3-invokes", {
  action: "lambda:InvokeFunction",
  function: "puller",
  principal: "s3.amazonaws.com",
  sourceArn: "arn:aws:s3:::lake-bronze",
});

describeRule({
  policy: lambdaNotPublic,
  valid: permission,
  violations: [
    ['principal "*"', set("principal", "*"), /lets principal "\*" invoke the function/],
    [
      "a service principal for any account",
      set("sourceArn", undefined),
      /lets s3.amazonaws.com invoke the function for any account's resources/,
    ],
    [
      "an unauthenticated function URL permission",
      set("functionUrlAuthType", "NONE"),
      /unauthenticated function URL calls/,
    ],
  ],
  accepted: [
    [
      "a service principal limited to an account",
      (p) => set("sourceAccount", "123456789012")(set("sourceArn", undefined)(p)),
    ],
    ["an account principal", (p) => set("principal", "123456789012")(set("sourceArn", undefined)(p))],
  ],
  unknown: set("principal", UNKNOWN),
});

describeRule({
  policy: lambdaNotPublic,
  valid: resource("aws:lambda/functionUrl:FunctionUrl", "url", {
    functionName: "puller",
    authorizationType: "AWS_IAM",
  }),
  violations: [
    [
      "a public function URL",
      set("authorizationType", "NONE"),
      /authorizationType NONE: anyone with the URL/,
    ],
  ],
  unknown: set("authorizationType", UNKNOWN),
});
