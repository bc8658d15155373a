// The MWAA execution role as pure data: what AWS documents every environment needs (MWAA user guide, "Amazon
// MWAA execution role", the sample policy for a customer managed key) and what the lake's DAGs do: start and
// watch exactly the lake's crawlers and Glue jobs.
import {
  glueCrawlerArn,
  glueDataQualityRulesetArn,
  glueJobArn,
  logGroupArn,
  mwaaEnvironmentArn,
  type AccountScope,
} from "../iam/arns.js";
import type { PolicyStatement } from "../iam/policy-document.js";

export interface ExecutionRoleContext extends AccountScope {
  readonly environmentName: string;
  readonly dagBucketArn: string;
  /** The customer managed key of the environment (its DAG bucket and its SQS queues). */
  readonly kmsKeyArn: string;
  /** The crawlers the DAGs start. */
  readonly crawlerNames: readonly string[];
  /** The Glue jobs the DAGs start. */
  readonly jobNames: readonly string[];
  /** The Glue Data Quality rulesets the DAGs evaluate, and the roles those runs are started with. */
  readonly rulesetNames?: readonly string[];
  readonly dataQualityRoleArns?: readonly string[];
}

/** MWAA assumes the role as both of its service principals, only for this account's environment. */
export function executionRoleTrustStatements(ctx: ExecutionRoleContext): PolicyStatement[] {
  return [
    {
      Effect: "Allow",
      Principal: { Service: ["airflow.amazonaws.com", "airflow-env.amazonaws.com"] },
      Action: ["sts:AssumeRole"],
      // MWAA user guide, "Cross-service confused deputy prevention".
      Condition: {
        ArnLike: { "aws:SourceArn": mwaaEnvironmentArn(ctx, ctx.environmentName) },
        StringEquals: { "aws:SourceAccount": ctx.account },
      },
    },
  ];
}

const sorted = (names: readonly string[]) => [...new Set(names)].sort();

export function executionRoleStatements(ctx: ExecutionRoleContext): PolicyStatement[] {
  const bucket = [ctx.dagBucketArn, `${ctx.dagBucketArn}/*`];
  const statements: PolicyStatement[] = [
    {
      Sid: "PublishMetrics",
      Effect: "Allow",
      Action: ["airflow:PublishMetrics"],
      Resource: [mwaaEnvironmentArn(ctx, ctx.environmentName)],
    },
    { Sid: "NoBucketListing", Effect: "Deny", Action: ["s3:ListAllMyBuckets"], Resource: bucket },
    // Read-only on the DAG bucket: the environment syncs the DAG folder and requirements from it.
    {
      Sid: "ReadDagBucket",
      Effect: "Allow",
      Action: ["s3:GetObject*", "s3:GetBucket*", "s3:List*"],
      Resource: bucket,
    },
    {
      Sid: "WriteAirflowLogs",
      Effect: "Allow",
      Action: [
        "logs:CreateLogStream",
        "logs:CreateLogGroup",
        "logs:PutLogEvents",
        "logs:GetLogEvents",
        "logs:GetLogRecord",
        "logs:GetLogGroupFields",
        "logs:GetQueryResults",
      ],
      Resource: [logGroupArn(ctx, `airflow-${ctx.environmentName}-*`)],
    },
    // The two grants AWS documents on every resource: DescribeLogGroups and PutMetricData have no
    // resource-level permissions.
    { Sid: "FindLogGroups", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: ["*"] },
    { Sid: "PutMetrics", Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: ["*"] },
    // Celery's queues live in an account MWAA owns, hence the wildcard account (as documented).
    {
      Sid: "CeleryQueues",
      Effect: "Allow",
      Action: [
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:ReceiveMessage",
        "sqs:SendMessage",
      ],
      Resource: [`arn:${ctx.partition}:sqs:${ctx.region}:*:airflow-celery-*`],
    },
    {
      Sid: "EnvironmentKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"],
      Resource: [ctx.kmsKeyArn],
      Condition: {
        StringLike: {
          "kms:ViaService": [`sqs.${ctx.region}.amazonaws.com`, `s3.${ctx.region}.amazonaws.com`],
        },
      },
    },
  ];
  if (ctx.crawlerNames.length > 0) {
    // GetCrawler: the operator's existence check and its wait; StartCrawler: the crawl. No create or update:
    // the bronze stack owns the crawlers' configuration.
    statements.push({
      Sid: "RunLakeCrawlers",
      Effect: "Allow",
      Action: ["glue:GetCrawler", "glue:StartCrawler"],
      Resource: sorted(ctx.crawlerNames).map((n) => glueCrawlerArn(ctx, n)),
    });
  }
  if (ctx.jobNames.length > 0) {
    // GetJob: the operator's existence check; StartJobRun and GetJobRun: the run and its wait;
    // BatchStopJobRun: stopping a run whose task timed out or was cleared.
    statements.push({
      Sid: "RunLakeJobs",
      Effect: "Allow",
      Action: ["glue:GetJob", "glue:StartJobRun", "glue:GetJobRun", "glue:BatchStopJobRun"],
      Resource: sorted(ctx.jobNames).map((n) => glueJobArn(ctx, n)),
    });
  }
  if (ctx.rulesetNames && ctx.rulesetNames.length > 0) {
    // The Glue Data Quality actions table: starting a run, reading the ruleset (the operator's existence check)
    // and its results (BatchGetDataQualityResult is authorized as GetDataQualityResult) are authorized on the
    // ruleset; reading an evaluation run, which has no ARN of its own, on `dataQualityRuleset/*`.
    statements.push(
      {
        Sid: "EvaluateLakeRulesets",
        Effect: "Allow",
        Action: [
          "glue:GetDataQualityRuleset",
          "glue:StartDataQualityRulesetEvaluationRun",
          "glue:GetDataQualityResult",
        ],
        Resource: sorted(ctx.rulesetNames).map((n) => glueDataQualityRulesetArn(ctx, n)),
      },
      {
        Sid: "WatchRulesetEvaluationRuns",
        Effect: "Allow",
        Action: ["glue:GetDataQualityRulesetEvaluationRun"],
        Resource: [glueDataQualityRulesetArn(ctx, "*")],
      },
    );
  }
  if (ctx.dataQualityRoleArns && ctx.dataQualityRoleArns.length > 0) {
    // StartDataQualityRulesetEvaluationRun hands Glue the run's role: exactly those roles, to Glue only.
    statements.push({
      Sid: "PassDataQualityRoles",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: sorted(ctx.dataQualityRoleArns),
      Condition: { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } },
    });
  }
  return statements;
}
