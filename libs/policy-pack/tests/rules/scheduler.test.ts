import { schedulerCustomerManagedKey, schedulerDeadLetterQueue } from "../../src/rules/scheduler.js";
import { describeRule, resource, set, UNKNOWN } from "../helpers.js";

const schedule = resource("aws:scheduler/schedule:Schedule", "support-tickets-pull", {
  scheduleExpression: "cron(5 * * * ? *)",
  flexibleTimeWindow: { mode: "OFF" },
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  target: {
    arn: "arn:aws:lambda:eu-west-1:123456789012:function:puller",
    roleArn: "arn:aws:iam::123456789012:role/scheduler",
    deadLetterConfig: { arn: "arn:aws:sqs:eu-west-1:123456789012:puller-schedule-dlq" },
  },
});

describeRule({
  policy: schedulerDeadLetterQueue,
  valid: schedule,
  violations: [
    ["no dead-letter queue", set("target.deadLetterConfig", undefined), /has no target.deadLetterConfig/],
    [
      "a dead-letter config without a queue",
      set("target.deadLetterConfig.arn", ""),
      /has no target.deadLetterConfig/,
    ],
  ],
  unknown: set("target.deadLetterConfig.arn", UNKNOWN),
});

describeRule({
  policy: schedulerCustomerManagedKey,
  valid: schedule,
  violations: [["no key", set("kmsKeyArn", undefined), /has no kmsKeyArn/]],
  unknown: set("kmsKeyArn", UNKNOWN),
});
