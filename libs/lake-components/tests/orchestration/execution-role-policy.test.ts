import { describe, expect, it } from "vitest";
import { findWildcardGrants } from "../../src/iam/policy-document.js";
import {
  executionRoleStatements,
  executionRoleTrustStatements,
  type ExecutionRoleContext,
} from "../../src/orchestration/execution-role-policy.js";

const ctx: ExecutionRoleContext = {
  partition: "aws",
  region: "eu-west-1",
  account: "123456789012",
  environmentName: "lake-dev-airflow",
  dagBucketArn: "arn:aws:s3:::lake-dev-airflow-123456789012-eu-west-1",
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/airflow",
  crawlerNames: ["crawl-web", "crawl-customers", "crawl-web"],
  jobNames: ["b2s-customers", "quality-customers"],
};
const statements = executionRoleStatements(ctx);
const bySid = (sid: string) => statements.find((s) => s.Sid === sid);

describe("executionRoleStatements", () => {
  it("evaluates exactly the lake's rulesets and passes exactly their evaluation roles, to Glue only", () => {
    const withRulesets = executionRoleStatements({
      ...ctx,
      rulesetNames: ["ruleset-web", "ruleset-customers"],
      dataQualityRoleArns: ["arn:aws:iam::123456789012:role/dq-web"],
    });
    const sid = (name: string) => withRulesets.find((s) => s.Sid === name);
    expect(sid("EvaluateLakeRulesets")).toEqual({
      Sid: "EvaluateLakeRulesets",
      Effect: "Allow",
      Action: [
        "glue:GetDataQualityRuleset",
        "glue:StartDataQualityRulesetEvaluationRun",
        "glue:GetDataQualityResult",
      ],
      Resource: [
        "arn:aws:glue:eu-west-1:123456789012:dataQualityRuleset/ruleset-customers",
        "arn:aws:glue:eu-west-1:123456789012:dataQualityRuleset/ruleset-web",
      ],
    });
    expect(sid("WatchRulesetEvaluationRuns")?.Resource).toEqual([
      "arn:aws:glue:eu-west-1:123456789012:dataQualityRuleset/*",
    ]);
    expect(sid("PassDataQualityRoles")).toMatchObject({
      Action: ["iam:PassRole"],
      Resource: ["arn:aws:iam::123456789012:role/dq-web"],
      Condition: { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } },
    });
    expect(findWildcardGrants({ Version: "2012-10-17", Statement: withRulesets as never })).toEqual([]);
    // Without rulesets, none of it.
    expect(statements.filter((s) => s.Action.some((a) => /DataQuality|iam:PassRole/.test(a)))).toEqual([]);
  });

  it("starts and reads exactly the lake's crawlers and jobs, never creating or updating them", () => {
    expect(bySid("RunLakeCrawlers")).toEqual({
      Sid: "RunLakeCrawlers",
      Effect: "Allow",
      Action: ["glue:GetCrawler", "glue:StartCrawler"],
      Resource: [
        "arn:aws:glue:eu-west-1:123456789012:crawler/crawl-customers",
        "arn:aws:glue:eu-west-1:123456789012:crawler/crawl-web",
      ],
    });
    expect(bySid("RunLakeJobs")?.Resource).toEqual([
      "arn:aws:glue:eu-west-1:123456789012:job/b2s-customers",
      "arn:aws:glue:eu-west-1:123456789012:job/quality-customers",
    ]);
    const actions = statements.flatMap((s) => s.Action);
    expect(actions.filter((a) => /^glue:(Create|Update|Delete)/.test(a))).toEqual([]);
  });

  it("reads the DAG bucket only, and denies listing the account's buckets", () => {
    const bucket = [ctx.dagBucketArn, `${ctx.dagBucketArn}/*`];
    expect(bySid("ReadDagBucket")).toMatchObject({ Effect: "Allow", Resource: bucket });
    expect(bySid("ReadDagBucket")?.Action.some((a) => /Put|Delete/.test(a))).toBe(false);
    expect(bySid("NoBucketListing")).toMatchObject({ Effect: "Deny", Action: ["s3:ListAllMyBuckets"] });
  });

  it("has the documented MWAA grants: logs of its own groups, Celery queues, its key through SQS and S3", () => {
    expect(bySid("WriteAirflowLogs")?.Resource).toEqual([
      "arn:aws:logs:eu-west-1:123456789012:log-group:airflow-lake-dev-airflow-*",
    ]);
    expect(bySid("CeleryQueues")?.Resource).toEqual(["arn:aws:sqs:eu-west-1:*:airflow-celery-*"]);
    expect(bySid("EnvironmentKey")).toMatchObject({
      Resource: [ctx.kmsKeyArn],
      Condition: {
        StringLike: { "kms:ViaService": ["sqs.eu-west-1.amazonaws.com", "s3.eu-west-1.amazonaws.com"] },
      },
    });
    expect(bySid("PublishMetrics")?.Resource).toEqual([
      "arn:aws:airflow:eu-west-1:123456789012:environment/lake-dev-airflow",
    ]);
  });

  it("uses a wildcard resource only for the two actions AWS documents without resource-level permissions", () => {
    const onEverything = statements.filter((s) => s.Resource?.includes("*")).flatMap((s) => s.Action);
    expect(onEverything.sort()).toEqual(["cloudwatch:PutMetricData", "logs:DescribeLogGroups"]);
    expect(findWildcardGrants({ Version: "2012-10-17", Statement: statements as never })).toEqual([]);
  });

  it("leaves out the Glue statements when there is nothing to run", () => {
    const none = executionRoleStatements({ ...ctx, crawlerNames: [], jobNames: [] });
    expect(none.map((s) => s.Sid)).not.toContain("RunLakeJobs");
    expect(none.map((s) => s.Sid)).not.toContain("RunLakeCrawlers");
  });
});

describe("executionRoleTrustStatements", () => {
  it("trusts both MWAA principals for this account's environment only", () => {
    expect(executionRoleTrustStatements(ctx)).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: ["airflow.amazonaws.com", "airflow-env.amazonaws.com"] },
        Action: ["sts:AssumeRole"],
        Condition: {
          ArnLike: { "aws:SourceArn": "arn:aws:airflow:eu-west-1:123456789012:environment/lake-dev-airflow" },
          StringEquals: { "aws:SourceAccount": "123456789012" },
        },
      },
    ]);
  });
});
