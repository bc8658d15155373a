import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readPlans } from "../src/plan-input.js";
import { policies } from "../src/policies.js";
import { coverage, describeUrn, hasMandatoryFindings, renderReport, renderRuleList } from "../src/report.js";
import { checkPlans } from "../src/runner.js";

const fixtures = fileURLToPath(new URL("./fixtures/plans/", import.meta.url));

describe("describeUrn", () => {
  it("names a resource by its logical name and its own type, not its parent's", () => {
    expect(
      describeUrn(
        "urn:pulumi:dev::infra-bronze::lake:storage:LakeBucket$aws:s3/bucket:Bucket::lake-dev-bronze-data",
      ),
    ).toBe("lake-dev-bronze-data (aws:s3/bucket:Bucket)");
  });
});

describe("coverage", () => {
  it("lists provider types no rule reads, and components apart", () => {
    expect(coverage(readPlans(`${fixtures}clean`), policies)).toEqual({
      uncovered: ["aws:lakeformation/lfTag:LfTag"],
      components: ["lake:ingest:Queues"],
    });
  });
});

describe("checkPlans and renderReport", () => {
  it("passes the clean plans", async () => {
    const results = await checkPlans(readPlans(`${fixtures}clean`), policies);
    expect(results.flatMap((r) => r.findings)).toEqual([]);
    expect(hasMandatoryFindings(results)).toBe(false);
  });

  it("reports the violating plan by stack, rule and resource", async () => {
    const results = await checkPlans(readPlans(`${fixtures}violating`), policies);
    expect(hasMandatoryFindings(results)).toBe(true);
    const report = renderReport(results, policies, "lake-security");
    expect(report).toContain(
      [
        "ingest (dev), ingest.dev.json: 1 mandatory, 2 advisory",
        "  iam-aws-managed-policies [advisory] AwsSolutions-IAM4",
        "    glue-service (aws:iam/rolePolicyAttachment:RolePolicyAttachment)",
        "      attaches the AWS managed policy arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
        "  kms-key-rotation [mandatory] AwsSolutions-KMS5, cfn_nag F19, KMSBackingKeyRotationEnabled",
        "    lake-key (aws:kms/key:Key)",
        "      has enableKeyRotation unset or false",
        "  sqs-queue-kms-encryption [mandatory] cfn_nag W48, AwsSolutions-SQS2",
        "    events-queue (aws:sqs/queue:Queue)",
        "      [undecided, advisory] cannot decide during preview: string value at .kmsMasterKeyId can't be known during preview",
        "storage (dev), storage.dev.json: 0 mandatory, 0 advisory",
      ].join("\n"),
    );
    expect(report).toContain(
      "Resource types in the plans no rule reads (1):\n  aws:lakeformation/lfTag:LfTag\n",
    );
    expect(report).toMatch(
      /1 mandatory violations, 2 advisory findings \(1 undecided until the update\) in 2 stacks\n$/,
    );
  });
});

describe("renderRuleList", () => {
  it("gives each rule's name, level, ids and description on a line", () => {
    const lines = renderRuleList(policies).trimEnd().split("\n");
    expect(lines).toHaveLength(policies.length);
    expect(lines).toContain(
      "s3-bucket-access-logging [mandatory] AwsSolutions-S1, cfn_nag W35, S3BucketLoggingEnabled: " +
        "Every data bucket (any bucket that is not itself a server access log target) sends server access logs to another bucket with a BucketLogging.",
    );
  });
});
