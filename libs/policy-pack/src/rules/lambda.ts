import * as aws from "@pulumi/aws";
import { validateResourceOfType, type PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../policy.js";
import { functionNameOf, isNamed, ofType } from "../stack-resources.js";

/**
 * The day each Lambda runtime is deprecated (AWS Lambda developer guide, "Lambda runtimes": supported runtimes and
 * their projected deprecation dates, and the deprecated ones), as of December 2026. Deprecated runtimes get no
 * security patches; a runtime missing here is reported until its date is added.
 */
export const LAMBDA_RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
  "nodejs24.x": "2028-04-30",
  "nodejs22.x": "2027-04-30",
  "nodejs20.x": "2026-04-30",
  "nodejs18.x": "2025-09-01",
  "nodejs16.x": "2024-06-12",
  "python3.14": "2029-06-30",
  "python3.13": "2029-06-30",
  "python3.12": "2028-10-31",
  "python3.11": "2026-06-30",
  "python3.10": "2026-06-30",
  "python3.9": "2025-12-15",
  "python3.8": "2024-10-14",
  java25: "2029-06-30",
  java21: "2029-06-30",
  java17: "2026-06-30",
  java11: "2026-06-30",
  "java8.al2": "2026-06-30",
  java8: "2024-01-08",
  dotnet10: "2028-11-14",
  dotnet8: "2026-11-10",
  dotnet6: "2024-11-12",
  "ruby3.4": "2028-03-31",
  "ruby3.3": "2027-03-31",
  "ruby3.2": "2026-03-31",
  "provided.al2023": "2029-06-30",
  "provided.al2": "2026-06-30",
  provided: "2024-01-08",
  "go1.x": "2024-01-08",
};

interface RuntimeConfig {
  /** The day to judge deprecation on (YYYY-MM-DD); defaults to today. */
  readonly asOf?: string;
}

export const lambdaSupportedRuntime = resourcePolicy({
  name: "lambda-supported-runtime",
  description:
    "Lambda functions deployed as .zip archives use a runtime Lambda has not deprecated (container images choose theirs in the image).",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-L1"],
  configSchema: {
    properties: { asOf: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } },
  },
  validateResource: [
    validateResourceOfType(aws.lambda.Function, (fn, args, report) => {
      if (fn.packageType === "Image") args.notApplicable("a container image brings its own runtime");
      const asOf = args.getConfig<RuntimeConfig>().asOf ?? new Date().toISOString().slice(0, 10);
      const runtime = fn.runtime;
      if (runtime === undefined) {
        report("has no runtime");
        return;
      }
      const deprecated = LAMBDA_RUNTIME_DEPRECATION[runtime];
      if (deprecated === undefined) report(`runs ${runtime}, whose deprecation date this pack does not know`);
      else if (deprecated <= asOf) report(`runs ${runtime}, deprecated by Lambda on ${deprecated}`);
    }),
  ],
});

export const lambdaConcurrencyLimit = resourcePolicy({
  name: "lambda-concurrency-limit",
  description:
    "Lambda functions reserve a bounded concurrency (reservedConcurrentExecutions of 1 or more), so one function cannot take the account's whole concurrency or flood what it calls.",
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag W92", "LambdaConcurrency"],
  validateResource: [
    validateResourceOfType(aws.lambda.Function, (fn, _args, report) => {
      const reserved = fn.reservedConcurrentExecutions;
      if (reserved === undefined || reserved === -1) report("has no reserved concurrency (unbounded)");
      else if (reserved === 0) report("has reserved concurrency 0, which throttles every invocation");
    }),
  ],
});

/** Service principals that invoke functions asynchronously (their failures need a dead-letter target). */
const ASYNC_INVOKERS = [
  "s3.amazonaws.com",
  "sns.amazonaws.com",
  "events.amazonaws.com",
  "scheduler.amazonaws.com",
  "logs.amazonaws.com",
  "iot.amazonaws.com",
  "ses.amazonaws.com",
  "config.amazonaws.com",
  "cloudformation.amazonaws.com",
];

function invokedAsynchronously(fn: PolicyResource, resources: readonly PolicyResource[]): boolean {
  const targets = (ref: unknown) => isNamed(fn, functionNameOf(ref), "name", "namePrefix") || ref === fn.urn;
  const permitted = ofType(resources, aws.lambda.Permission).some(
    (p) => targets(p.props["function"]) && ASYNC_INVOKERS.includes(String(p.props["principal"])),
  );
  const scheduled = ofType(resources, aws.scheduler.Schedule).some((s) =>
    targets((s.props["target"] as { arn?: unknown } | undefined)?.arn),
  );
  const mapped = ofType(resources, aws.lambda.EventSourceMapping).some((m) =>
    targets(m.props["functionName"]),
  );
  // A function only an event source mapping invokes is invoked synchronously: its failures stay in the source.
  return permitted || scheduled || !mapped;
}

export const lambdaFailureDestination = stackPolicy({
  name: "lambda-failure-destination",
  description:
    "Functions invoked asynchronously (by a schedule, S3, SNS or EventBridge, or by nothing in the stack) have a dead-letter target or an on-failure destination; functions only an event source mapping invokes keep failures in their source.",
  enforcementLevel: "mandatory",
  nagIds: ["LambdaDLQ", "LambdaAsyncFailureDestination"],
  reads: [
    aws.lambda.Function,
    aws.lambda.FunctionEventInvokeConfig,
    aws.lambda.Permission,
    aws.lambda.EventSourceMapping,
    aws.scheduler.Schedule,
  ],
  validateStack: (args, report) => {
    const configs = ofType(args.resources, aws.lambda.FunctionEventInvokeConfig);
    for (const fn of ofType(args.resources, aws.lambda.Function)) {
      if (!invokedAsynchronously(fn, args.resources)) continue;
      const deadLetter = (fn.props["deadLetterConfig"] as { targetArn?: unknown } | undefined)?.targetArn;
      const onFailure = configs.some((c) => {
        const destination = c.props["destinationConfig"] as
          { onFailure?: { destination?: unknown } } | undefined;
        return isNamed(fn, functionNameOf(c.props["functionName"])) && !!destination?.onFailure?.destination;
      });
      if (!deadLetter && !onFailure) {
        report(
          `function ${fn.name} is invoked asynchronously but has no deadLetterConfig and no FunctionEventInvokeConfig onFailure destination: events that fail every retry are dropped`,
          fn.urn,
        );
      }
    }
  },
});

export const lambdaNotPublic = resourcePolicy({
  name: "lambda-not-public",
  description:
    'Lambda permissions name a principal other than "*", and a service principal only with sourceArn or sourceAccount (the confused deputy); function URLs require IAM authentication.',
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag F13", "LambdaFunctionPublicAccessProhibited"],
  validateResource: [
    validateResourceOfType(aws.lambda.Permission, (permission, _args, report) => {
      if (permission.principal === "*") report('lets principal "*" invoke the function');
      else if (
        permission.principal.endsWith(".amazonaws.com") &&
        !permission.sourceArn &&
        !permission.sourceAccount
      ) {
        report(
          `lets ${permission.principal} invoke the function for any account's resources: set sourceArn or sourceAccount`,
        );
      }
      if (permission.functionUrlAuthType === "NONE") report("allows unauthenticated function URL calls");
    }),
    validateResourceOfType(aws.lambda.FunctionUrl, (url, _args, report) => {
      if (url.authorizationType !== "AWS_IAM") {
        report(`has authorizationType ${url.authorizationType}: anyone with the URL can call it`);
      }
    }),
  ],
});

export const lambdaPolicies = [
  lambdaSupportedRuntime,
  lambdaConcurrencyLimit,
  lambdaFailureDestination,
  lambdaNotPublic,
];
