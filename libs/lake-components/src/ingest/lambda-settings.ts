// Settings of the lake's Lambda functions as pure data, checked against the Lambda API's ranges (CreateFunction
// Timeout 1-900 s, MemorySize 128-10240 MB, ReservedConcurrentExecutions >= 0; CloudWatch Logs PutRetentionPolicy
// retention values) before anything is created.

/** The Node.js runtime the functions are written for (Lambda lists nodejs22.x until 2027-04-30). */
export const LAMBDA_RUNTIME = "nodejs22.x";

/** CloudWatch Logs PutRetentionPolicy accepts only these day counts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export interface FunctionSettings {
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** At least 1: the lake's policy bounds every function (cfn_nag W92). */
  readonly reservedConcurrency: number;
  readonly logRetentionDays: number;
}

/** Every way the settings break the API's ranges, naming the setting. */
export function functionSettingsProblems(s: FunctionSettings): string[] {
  const whole = (v: number) => Number.isInteger(v);
  return [
    ...(!whole(s.timeoutSeconds) || s.timeoutSeconds < 1 || s.timeoutSeconds > 900
      ? [`timeoutSeconds must be a whole number from 1 to 900, got ${s.timeoutSeconds}`]
      : []),
    ...(!whole(s.memoryMb) || s.memoryMb < 128 || s.memoryMb > 10240
      ? [`memoryMb must be a whole number from 128 to 10240, got ${s.memoryMb}`]
      : []),
    ...(!whole(s.reservedConcurrency) || s.reservedConcurrency < 1
      ? [`reservedConcurrency must be a whole number of at least 1, got ${s.reservedConcurrency}`]
      : []),
    ...logRetentionProblems(s.logRetentionDays),
  ];
}

/** A log group retention CloudWatch Logs accepts, or why not. */
export function logRetentionProblems(days: number): string[] {
  return (LOG_RETENTION_DAYS as readonly number[]).includes(days)
    ? []
    : [`logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(", ")}, got ${days}`];
}

/** The log group Lambda writes a function's logs to unless told otherwise; the function names this one explicitly. */
export function functionLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}
