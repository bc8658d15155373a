import { describe, expect, it } from "vitest";
import {
  findWildcardGrants,
  glueCatalogStatements,
  kmsStatements,
  knownWildcardGrants,
  metricsStatement,
  normalizePrefix,
  policyDocumentsIn,
  s3ReadStatements,
  s3WriteStatements,
  type PolicyDocument,
  wildcardGrantsIn,
} from "../../src/iam/policy-document.js";

const doc = (...Statement: PolicyDocument["Statement"][]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: Statement.flat(),
});

describe("findWildcardGrants", () => {
  it.each([
    ["* on *", { Effect: "Allow", Action: "*", Resource: "*" }, 1],
    ["service:* on *", { Effect: "Allow", Action: ["s3:GetObject", "s3:*"], Resource: ["*"] }, 1],
    ["* on a bucket", { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" }, 0],
    ["named action on *", { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" }, 0],
    ["partial wildcard on *", { Effect: "Allow", Action: "kms:Describe*", Resource: "*" }, 0],
    ["Deny * on *", { Effect: "Deny", Action: "*", Resource: "*" }, 0],
    ["NotAction on *", { Effect: "Allow", NotAction: "iam:*", Resource: "*" }, 1],
    ["s3:* with NotResource", { Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::x" }, 1],
  ])("%s", (_label, statement, count) => {
    expect(findWildcardGrants(doc(statement))).toHaveLength(count);
  });

  it("names the offending statement by Sid and index, and reads JSON documents", () => {
    const json = JSON.stringify(
      doc(
        { Sid: "Fine", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        { Sid: "Bad", Effect: "Allow", Action: "*", Resource: "*" },
      ),
    );
    expect(findWildcardGrants(json)).toEqual([{ index: 1, sid: "Bad", reason: "action * on resource *" }]);
  });

  it("accepts a single statement object, as IAM allows", () => {
    expect(
      findWildcardGrants({
        Version: "2012-10-17",
        Statement: { Effect: "Allow", Action: "*", Resource: "*" },
      }),
    ).toHaveLength(1);
  });
});

describe("knownWildcardGrants", () => {
  it("checks literal resources before ARNs resolve", () => {
    expect(knownWildcardGrants([{ Effect: "Allow", Action: ["s3:*"], Resource: ["*"] }])).toHaveLength(1);
    expect(knownWildcardGrants(s3ReadStatements({ bucketArn: "arn:aws:s3:::b" }))).toEqual([]);
  });
});

describe("normalizePrefix", () => {
  it.each([
    ["source=customers", "source=customers/"],
    ["/source=customers//", "source=customers/"],
    ["", ""],
    ["/", ""],
  ])("%j -> %j", (input, expected) => expect(normalizePrefix(input)).toBe(expected));
});

describe("S3 statements", () => {
  it("scopes reads to the prefixes, for objects and for listing", () => {
    const [list, objects] = s3ReadStatements({
      bucketArn: "arn:aws:s3:::bronze",
      prefixes: ["source=customers"],
    });
    expect(list?.Resource).toEqual(["arn:aws:s3:::bronze"]);
    expect(list?.Condition).toEqual({
      StringLike: { "s3:prefix": ["source=customers/", "source=customers/*"] },
    });
    expect(objects?.Action).toEqual(["s3:GetObject", "s3:GetObjectVersion"]);
    expect(objects?.Action).not.toContain("s3:PutObject");
  });

  it("lets writers delete and abort uploads, still inside the prefix", () => {
    const statements = s3WriteStatements({ bucketArn: "arn:aws:s3:::silver", prefixes: ["customers/"] });
    const objects = statements[1];
    expect(objects?.Action).toEqual(
      expect.arrayContaining(["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]),
    );
    expect(statements[0]?.Condition).toBeDefined();
  });

  it("grants the whole bucket only when no prefix is given", () => {
    const [list] = s3ReadStatements({ bucketArn: "arn:aws:s3:::b" });
    expect(list?.Condition).toBeUndefined();
  });
});

describe("KMS, Glue and metrics statements", () => {
  it.each([
    ["decrypt", ["kms:Decrypt", "kms:DescribeKey"]],
    ["encrypt", ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]],
  ] as const)("kms %s", (access, actions) => {
    expect(kmsStatements(["arn:aws:kms:eu-west-1:1:key/k"], access)[0]?.Action).toEqual(actions);
  });

  it("grants no KMS statement without keys", () => {
    expect(kmsStatements([], "encrypt")).toEqual([]);
  });

  it.each([
    ["read", false, false],
    ["write", true, false],
    ["crawl", true, true],
  ] as const)("glue %s: UpdateTable %s, CreateTable %s", (access, update, create) => {
    const [s] = glueCatalogStatements({ catalogArn: "c", databaseArn: "d", tableArns: ["t"] }, access);
    expect(s?.Resource).toEqual(["c", "d", "t"]);
    expect(s?.Action.includes("glue:UpdateTable")).toBe(update);
    expect(s?.Action.includes("glue:CreateTable")).toBe(create);
  });

  it("narrows PutMetricData by namespace since it has no resource-level permissions", () => {
    const s = metricsStatement("Glue");
    expect(s.Resource).toEqual(["*"]);
    expect(s.Condition).toEqual({ StringEquals: { "cloudwatch:namespace": "Glue" } });
    expect(knownWildcardGrants([s])).toEqual([]);
  });
});

describe("policyDocumentsIn and wildcardGrantsIn", () => {
  const doc = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
  const scoped = doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] });
  const wildcard = doc({ Sid: "All", Effect: "Allow", Action: ["s3:*"], Resource: ["*"] });

  it("finds policy JSON at any depth, with its path, and ignores other strings", () => {
    const found = policyDocumentsIn({
      policy: scoped,
      inlinePolicies: [{ name: "x", policy: scoped }],
      note: "{not json",
      other: '"Statement" but not JSON',
    });
    expect(found.map((d) => d.path)).toEqual(["policy", "inlinePolicies[0].policy"]);
  });

  it("names the resource and the path of each wildcard grant", () => {
    const role = {
      name: "role",
      inputs: { assumeRolePolicy: scoped, inlinePolicies: [{ policy: wildcard }] },
    };
    const queue = { name: "queue", inputs: { policy: scoped } };
    expect(wildcardGrantsIn([role, queue])).toEqual([
      { resource: role, path: "inlinePolicies[0].policy", reason: "action s3:* on resource *" },
    ]);
  });
});
