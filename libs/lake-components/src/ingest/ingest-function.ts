import type { FunctionBundle } from "@lake/ingest-functions";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../aws-context.js";
import { logWriteStatement, type PolicyStatement } from "../iam/policy-document.js";
import { ServiceRole } from "../iam/service-role.js";
import { autoNamed, physicalName } from "../physical-names.js";
import { functionLogGroupName, functionSettingsProblems, LAMBDA_RUNTIME } from "./lambda-settings.js";

export interface IngestFunctionArgs {
  /** The code: a bundle of `@lake/ingest-functions`. */
  readonly bundle: FunctionBundle;
  readonly description: string;
  /** What the function may do, besides writing its own logs. */
  readonly statements: readonly PolicyStatement[];
  readonly environment: Record<string, pulumi.Input<string>>;
  /** Encrypts the function's log group (its key policy must let CloudWatch Logs use it for `/aws/lambda/`). */
  readonly logKmsKeyArn: pulumi.Input<string>;
  /** Defaults to 60 seconds. */
  readonly timeoutSeconds?: number;
  /** Defaults to 256 MB. */
  readonly memoryMb?: number;
  /** Defaults to 1: one invocation at a time. */
  readonly reservedConcurrency?: number;
  /** Defaults to 30 days. */
  readonly logRetentionDays?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * One Lambda function of the lake: Node.js 22 on arm64, the bundle inlined as `index.js`, bounded concurrency,
 * JSON logs to its own encrypted log group with a retention, and its own role (its statements plus writing that
 * log group). The function's name is explicit so its log group can exist before it does.
 */
export class IngestFunction extends pulumi.ComponentResource {
  public readonly functionName: pulumi.Output<string>;
  public readonly functionArn: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  /** The settings applied, defaults filled in. */
  public readonly timeoutSeconds: number;

  constructor(name: string, args: IngestFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:ingest:IngestFunction", name, {}, opts);
    const settings = {
      timeoutSeconds: args.timeoutSeconds ?? 60,
      memoryMb: args.memoryMb ?? 256,
      reservedConcurrency: args.reservedConcurrency ?? 1,
      logRetentionDays: args.logRetentionDays ?? 30,
    };
    const problems = functionSettingsProblems(settings);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`IngestFunction ${name}: ${problems.join("; ")}`, this);
    }
    this.timeoutSeconds = settings.timeoutSeconds;
    const ctx = awsContext(this);
    const functionName = physicalName("aws:lambda/function:Function", name);

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: functionLogGroupName(functionName),
        kmsKeyId: args.logKmsKeyArn,
        retentionInDays: settings.logRetentionDays,
        tags: args.tags,
      },
      { parent: this },
    );
    const role = new ServiceRole(
      `${name}-fn`,
      {
        service: "lambda.amazonaws.com",
        sourceAccount: ctx.accountId,
        description: args.description,
        statements: [...args.statements, logWriteStatement(logGroup.arn)],
        tags: args.tags,
      },
      { parent: this },
    );
    const fn = new aws.lambda.Function(
      autoNamed("aws:lambda/function:Function", `${name}-fn`),
      {
        name: functionName,
        description: args.description,
        runtime: LAMBDA_RUNTIME,
        architectures: ["arm64"],
        handler: args.bundle.handler,
        code: new pulumi.asset.AssetArchive({
          [args.bundle.fileName]: new pulumi.asset.StringAsset(args.bundle.code),
        }),
        role: role.roleArn,
        timeout: settings.timeoutSeconds,
        memorySize: settings.memoryMb,
        reservedConcurrentExecutions: settings.reservedConcurrency,
        environment: {
          variables: { ...args.environment, POWERTOOLS_LOG_LEVEL: "INFO" },
        },
        // Powertools writes JSON itself; Lambda's JSON format keeps its own platform lines structured too.
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        tags: args.tags,
      },
      // The role's inline policy must exist before Lambda validates the role and the first invocation.
      { parent: this, dependsOn: [role, logGroup] },
    );

    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.roleArn = role.roleArn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({
      functionName: this.functionName,
      functionArn: this.functionArn,
      roleArn: this.roleArn,
      logGroupName: this.logGroupName,
    });
  }
}
