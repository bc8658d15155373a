// How an API source's pulls are scheduled and retried, as pure data checked against the APIs: EventBridge
// Scheduler RetryPolicy (MaximumEventAgeInSeconds 60-86400, MaximumRetryAttempts 0-185), its context attribute
// `<aws.scheduler.scheduled-time>` in the target input, and Lambda's asynchronous invocation config
// (PutFunctionEventInvokeConfig: MaximumRetryAttempts 0-2, MaximumEventAgeInSeconds 60-21600).

/** Retries of delivering the invocation to Lambda (throttling, a missing permission): Scheduler's own. */
export interface ScheduleRetry {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
}

/** Retries of a pull that failed inside the function: Lambda's asynchronous invocation retries. */
export interface InvocationRetry {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
}

/** The input of every invocation: Scheduler substitutes the time the invocation was scheduled for. */
export const SCHEDULED_INPUT = JSON.stringify({ scheduledTime: "<aws.scheduler.scheduled-time>" });

const inRange = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

export function scheduleRetryProblems(retry: ScheduleRetry): string[] {
  return [
    ...(!inRange(retry.maximumRetryAttempts, 0, 185)
      ? [`schedule maximumRetryAttempts must be 0 to 185, got ${retry.maximumRetryAttempts}`]
      : []),
    ...(!inRange(retry.maximumEventAgeInSeconds, 60, 86_400)
      ? [`schedule maximumEventAgeInSeconds must be 60 to 86400, got ${retry.maximumEventAgeInSeconds}`]
      : []),
  ];
}

export function invocationRetryProblems(retry: InvocationRetry): string[] {
  return [
    ...(!inRange(retry.maximumRetryAttempts, 0, 2)
      ? [`invocation maximumRetryAttempts must be 0 to 2, got ${retry.maximumRetryAttempts}`]
      : []),
    ...(!inRange(retry.maximumEventAgeInSeconds, 60, 21_600)
      ? [`invocation maximumEventAgeInSeconds must be 60 to 21600, got ${retry.maximumEventAgeInSeconds}`]
      : []),
  ];
}

/**
 * A schedule expression Scheduler takes: the contract's cron (already checked as an EventBridge cron by the
 * contract), or `rate(...)` / `at(...)`, within Scheduler's 256 characters.
 */
export function scheduleExpressionProblems(expression: string): string[] {
  if (expression.length > 256)
    return [`schedule expression has ${expression.length} characters, more than 256`];
  return /^(cron|rate|at)\(.+\)$/.test(expression)
    ? []
    : [`"${expression}" is not a cron(), rate() or at() expression`];
}
