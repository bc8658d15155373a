import {
  sqsQueueDeadLetter,
  sqsQueueKmsEncryption,
  sqsQueuePolicyNotPublic,
  sqsQueueTlsOnly,
} from "../../src/rules/sqs.js";
import { describe, expect, it } from "vitest";
import { add, describeRule, findingsOf, remove, resource, set, setIn, UNKNOWN } from "../helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const Q = "aws:sqs/queue:Queue";
const arn = (name: string) => `arn:aws:sqs:eu-west-1:123456789012:${name}`;
const url = (name: string) => `https://sqs.eu-west-1.amazonaws.com/123456789012/${name}`;

describeRule({
  policy: sqsQueueKmsEncryption,
  valid: resource(Q, "events", { kmsMasterKeyId: KEY, messageRetentionSeconds: 1209600 }),
  violations: [
    [
      "SSE-SQS",
      (q) => set("sqsManagedSseEnabled", true)(set("kmsMasterKeyId", undefined)(q)),
      /encrypted with SSE-SQS, not a customer managed KMS key/,
    ],
    [
      "no encryption at all",
      (q) => set("sqsManagedSseEnabled", false)(set("kmsMasterKeyId", undefined)(q)),
      /is not encrypted/,
    ],
    ["the AWS managed key", set("kmsMasterKeyId", "alias/aws/sqs"), /AWS managed key alias\/aws\/sqs/],
  ],
  accepted: [["a key alias of the account", set("kmsMasterKeyId", "alias/lake-dev-lake")]],
  unknown: set("kmsMasterKeyId", UNKNOWN),
});

const redrive = (target: string) => JSON.stringify({ deadLetterTargetArn: arn(target), maxReceiveCount: 5 });
/** An auto-named work queue redriving to an explicitly named dead-letter queue. */
const deadLetterStack = [
  resource(Q, "work", { redrivePolicy: redrive("work-dlq") }),
  resource(Q, "work-dead-letters", { name: "work-dlq" }),
];

describeRule({
  policy: sqsQueueDeadLetter,
  valid: deadLetterStack,
  violations: [
    [
      "a queue without redrive",
      add(resource(Q, "orphan", {})),
      /queue orphan has no dead-letter queue and is none/,
    ],
    [
      "a dead-letter queue nothing redrives to",
      setIn("work", "redrivePolicy", redrive("elsewhere")),
      /queue work-dead-letters has no dead-letter queue and is none/,
    ],
  ],
  accepted: [
    [
      "a redrive set by an aws.sqs.RedrivePolicy",
      (s) =>
        add(
          resource("aws:sqs/redrivePolicy:RedrivePolicy", "work-redrive", {
            queueUrl: url("work-1a2b3c4"),
            redrivePolicy: redrive("work-dlq"),
          }),
        )(setIn("work", "redrivePolicy", undefined)(s)),
    ],
    [
      "a dead-letter queue marked by a redrive allow policy",
      (s) =>
        setIn(
          "work-dead-letters",
          "redriveAllowPolicy",
          JSON.stringify({ redrivePermission: "allowAll" }),
        )(setIn("work", "redrivePolicy", redrive("elsewhere"))(s)),
    ],
    [
      "a Glue crawler's event queue and its dead-letter queue",
      () => [
        resource(Q, "events", {}),
        resource(Q, "events-dlq", {}),
        resource("aws:glue/crawler:Crawler", "crawler", {
          s3Targets: [
            {
              path: "s3://b/x/",
              eventQueueArn: arn("events-aaaaaaa"),
              dlqEventQueueArn: arn("events-dlq-bbbbbbb"),
            },
          ],
        }),
      ],
    ],
    [
      "a function's and a schedule's dead-letter queues",
      () => [
        resource(Q, "fn-dlq", { name: "fn-dlq" }),
        resource(Q, "schedule-dlq", { name: "schedule-dlq" }),
        resource("aws:lambda/function:Function", "fn", { deadLetterConfig: { targetArn: arn("fn-dlq") } }),
        resource("aws:scheduler/schedule:Schedule", "schedule", {
          target: { arn: "x", deadLetterConfig: { arn: arn("schedule-dlq") } },
        }),
      ],
    ],
  ],
  unknown: setIn("work", "redrivePolicy", UNKNOWN),
});

describe("sqs-queue-dead-letter, a redrive policy that is not JSON", () => {
  it("reports it, and the dead-letter queue it no longer names", async () => {
    const findings = await findingsOf(
      sqsQueueDeadLetter,
      setIn("work", "redrivePolicy", "{")(deadLetterStack),
    );
    expect(findings.map((f) => f.message)).toEqual([
      "work has a redrivePolicy that is not valid JSON",
      expect.stringMatching(/^queue work-dead-letters has no dead-letter queue and is none/),
    ]);
  });
});

const tls = (queue: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Send",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: arn(queue),
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
      },
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: arn(queue),
        Condition: { Bool: { "aws:SecureTransport": "false" } },
        ...extra,
      },
    ],
  });
const tlsStack = [
  resource(Q, "events", {}),
  resource("aws:sqs/queuePolicy:QueuePolicy", "events-policy", {
    queueUrl: url("events-1a2b3c4"),
    policy: tls("events-1a2b3c4"),
  }),
  resource(Q, "inline", { name: "inline-queue", policy: tls("inline-queue") }),
];

describeRule({
  policy: sqsQueueTlsOnly,
  valid: tlsStack,
  violations: [
    [
      "a queue without policy",
      remove("events-policy"),
      /queue events has no policy statement denying sqs:\*/,
    ],
    [
      "a policy of another queue",
      setIn("events-policy", "queueUrl", url("other-1a2b3c4")),
      /queue events has no policy statement/,
    ],
    [
      "a deny of one action",
      setIn("events-policy", "policy", tls("events-1a2b3c4", { Action: "sqs:ReceiveMessage" })),
      /queue events has no policy statement/,
    ],
    [
      "a deny on another queue's ARN",
      setIn("inline", "policy", tls("somewhere-else")),
      /queue inline has no policy statement/,
    ],
    [
      "an inline policy that is not JSON",
      setIn("inline", "policy", "{"),
      /queue inline's inline policy is not valid JSON/,
    ],
  ],
  accepted: [
    ["a deny on every resource", setIn("events-policy", "policy", tls("events-1a2b3c4", { Resource: "*" }))],
  ],
  unknown: setIn("events-policy", "queueUrl", UNKNOWN),
});

describeRule({
  policy: sqsQueuePolicyNotPublic,
  valid: tlsStack[1] as ReturnType<typeof resource>,
  violations: [
    [
      'a send allowed to "*"',
      set(
        "policy",
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: arn("q") }],
        }),
      ),
      /statement 0 allows principal "\*"/,
    ],
  ],
  accepted: [
    [
      'a send allowed to "*" from one bucket',
      set(
        "policy",
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: "*",
              Action: "sqs:SendMessage",
              Resource: arn("q"),
              Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:s3:::lake-bronze" } },
            },
          ],
        }),
      ),
    ],
  ],
  unknown: set("policy", UNKNOWN),
});
