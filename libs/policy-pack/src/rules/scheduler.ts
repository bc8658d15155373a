import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { resourcePolicy } from "../policy.js";

export const schedulerDeadLetterQueue = resourcePolicy({
  name: "scheduler-dead-letter-queue",
  description:
    "EventBridge Scheduler schedules name a dead-letter queue (target.deadLetterConfig.arn, a standard SQS queue) for invocations that fail every retry.",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.scheduler.Schedule, (schedule, _args, report) => {
      if (!schedule.target.deadLetterConfig?.arn) {
        report("has no target.deadLetterConfig: an invocation that fails every retry is dropped");
      }
    }),
  ],
});

export const schedulerCustomerManagedKey = resourcePolicy({
  name: "scheduler-customer-managed-key",
  description:
    "EventBridge Scheduler schedules encrypt their target input with a customer managed key (kmsKeyArn); without one Scheduler uses an AWS owned key.",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.scheduler.Schedule, (schedule, _args, report) => {
      if (!schedule.kmsKeyArn)
        report("has no kmsKeyArn: its target input is encrypted with an AWS owned key");
    }),
  ],
});

export const schedulerPolicies = [schedulerDeadLetterQueue, schedulerCustomerManagedKey];
