import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import {
  jobPolicyStatements,
  jobScopes,
  keysDifferingFrom,
  wholeBucketWrites,
} from "../../src/compute/job-policy.js";
import { findWildcardGrants, POLICY_VERSION } from "../../src/iam/policy-document.js";

const customers = registry.get("customers");
const c360 = registry.get("customer_360");
const sources = ["customers", "transactions"].map((n) => registry.get(n));

describe("jobScopes", () => {
  it.each([
    [
      "bronze -> silver reads its source prefix and writes its table",
      customers,
      [],
      { input: {}, output: {}, quarantine: { prefix: "quarantine" }, report: { prefix: "reports" } },
      {
        input: ["source=customers/"],
        output: ["customers/"],
        quarantine: ["quarantine/"],
        report: ["reports/"],
      },
    ],
    [
      "silver -> gold reads its sources' folders",
      c360,
      sources,
      { input: { prefix: "tables" }, output: {}, report: { prefix: "reports" } },
      {
        input: ["tables/customers/", "tables/transactions/"],
        output: ["customer_360/"],
        report: ["reports/"],
      },
    ],
    [
      "given scopes win",
      customers,
      [],
      {
        input: { scope: ["customers"] },
        output: { prefix: "quality_results", scope: ["dataset=customers"] },
        report: { prefix: "r" },
      },
      { input: ["customers/"], output: ["quality_results/dataset=customers/"], report: ["r/"] },
    ],
  ] as const)("%s", (_label, contract, related, at, expected) => {
    expect(jobScopes(contract, related, at)).toEqual(expected);
  });
});

describe("wholeBucketWrites", () => {
  it.each([
    [{ input: [""], output: ["customers/"], report: ["reports/"] }, []],
    [{ input: [], output: ["customers/"], report: [""] }, ["report"]],
    [{ input: [], output: [], quarantine: [""], report: ["r/"] }, ["output", "quarantine"]],
  ])("%j", (scopes, where) => {
    expect(wholeBucketWrites(scopes).map((m) => m.split(" ")[0])).toEqual(where);
  });
});

describe("jobPolicyStatements", () => {
  it("keeps every grant on named resources but the two IAM takes only on *: GetDataAccess, metrics (one namespace)", () => {
    const statements = jobPolicyStatements({
      reads: [{ bucketArn: "arn:aws:s3:::in", prefixes: ["source=customers/"] }],
      writes: [{ bucketArn: "arn:aws:s3:::out", prefixes: ["customers/"] }],
      decryptKeys: ["arn:aws:kms:eu-west-1:1:key/in"],
      encryptKeys: ["arn:aws:kms:eu-west-1:1:key/out"],
      catalogWrite: { catalogArn: "c", databaseArn: "d", tableArns: ["t"] },
      catalogReads: [],
      logGroupArnPrefix: "arn:aws:logs:eu-west-1:1:log-group:/aws-glue/",
      metricsNamespace: "Glue",
    });
    expect(statements.map((s) => s.Sid)).toEqual([
      "Read0List",
      "Read0Objects",
      "Write0List",
      "Write0Objects",
      "DecryptInputs",
      "EncryptOutputs",
      "CatalogWrite",
      "LakeFormationDataAccess",
      "Logs",
      "Metrics",
    ]);
    expect(findWildcardGrants({ Version: POLICY_VERSION, Statement: statements as never })).toEqual([]);
    const anywhere = statements.filter((s) => (s.Resource as unknown[]).includes("*"));
    expect(anywhere.map((s) => s.Action)).toEqual([
      ["lakeformation:GetDataAccess"],
      ["cloudwatch:PutMetricData"],
    ]);
    expect(JSON.stringify(anywhere[1]!.Condition)).toContain('"cloudwatch:namespace":"Glue"');
  });
});

describe("keysDifferingFrom", () => {
  it.each([
    ["k", ["k", undefined, "k"], []],
    ["k", ["k", "other", "other"], ["other"]],
    ["k", [], []],
  ])("%s vs %j", (key, others, expected) => expect(keysDifferingFrom(key, others)).toEqual(expected));
});
