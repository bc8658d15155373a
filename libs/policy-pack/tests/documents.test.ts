import { describe, expect, it } from "vitest";
import {
  conditionFixesOneOf,
  deniesInsecureTransport,
  publicGrants,
  sameArn,
  someDocument,
  statements,
} from "../src/documents.js";

const doc = (...statement: Record<string, unknown>[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statement });

describe("statements", () => {
  it("normalizes single values to lists, from JSON or an object", () => {
    const [s] = statements({
      Statement: {
        Sid: "A",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::b/*",
        Condition: { Bool: { "aws:SecureTransport": true } },
      },
    });
    expect(s).toMatchObject({
      sid: "A",
      actions: ["s3:GetObject"],
      resources: ["arn:aws:s3:::b/*"],
      condition: { Bool: { "aws:SecureTransport": ["true"] } },
    });
  });

  it.each([
    ["not JSON", "{", /is not valid JSON/],
    ["no Statement", JSON.stringify({ Version: "2012-10-17" }), /has no Statement/],
    ["a statement that is no object", JSON.stringify({ Statement: ["x"] }), /statement 0 is not an object/],
  ])("refuses %s", (_what, value, message) => {
    expect(() => statements(value)).toThrow(message);
  });
});

describe("conditionFixesOneOf", () => {
  const [fixed] = statements(
    doc({ Effect: "Allow", Condition: { StringEquals: { "AWS:SourceAccount": "1" } } }),
  );
  const [negated] = statements(
    doc({ Effect: "Allow", Condition: { StringNotEquals: { "aws:SourceAccount": "1" } } }),
  );
  const [wildcard] = statements(
    doc({ Effect: "Allow", Condition: { StringLike: { "aws:SourceArn": "arn:aws:s3:::*" } } }),
  );
  it.each([
    ["a fixed value, whatever the key's case", fixed, true],
    ["a negated operator", negated, false],
    ["a wildcard value", wildcard, false],
  ])("%s", (_what, statement, expected) => {
    expect(conditionFixesOneOf(statement!, ["aws:SourceAccount", "aws:SourceArn"])).toBe(expected);
  });
});

describe("publicGrants", () => {
  it("lists each public Allow with its Sid or index", () => {
    expect(
      publicGrants(
        doc(
          { Sid: "Open", Effect: "Allow", Principal: "*", Action: "s3:GetObject" },
          { Effect: "Allow", NotPrincipal: { AWS: "x" } },
        ),
      ),
    ).toEqual([
      'statement "Open" allows principal "*" without a condition that fixes the caller or source',
      "statement 1 allows with NotPrincipal (everyone but a list)",
    ]);
  });

  it("takes service-specific keys", () => {
    const viaAccount = doc({
      Effect: "Allow",
      Principal: { AWS: "*" },
      Condition: { StringEquals: { "kms:CallerAccount": "1" } },
    });
    expect(publicGrants(viaAccount)).toHaveLength(1);
    expect(publicGrants(viaAccount, ["kms:CallerAccount"])).toEqual([]);
  });
});

describe("deniesInsecureTransport", () => {
  const deny = {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::b"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
  const covers = (resources: readonly string[]) => resources.includes("arn:aws:s3:::b");
  it.each([
    ["the canonical statement", deny, true],
    [
      "a deny conditioned with another operator",
      { ...deny, Condition: { StringEquals: { "aws:SecureTransport": "false" } } },
      false,
    ],
    ["a deny on other resources", { ...deny, Resource: ["arn:aws:s3:::c"] }, false],
    ["a deny of another service's actions", { ...deny, Action: "sqs:*" }, false],
  ])("%s", (_what, statement, expected) => {
    expect(deniesInsecureTransport(doc(statement), "s3", covers)).toBe(expected);
  });
});

describe("sameArn", () => {
  it("compares across partitions", () => {
    expect(sameArn("arn:aws-us-gov:s3:::b", "arn:aws:s3:::b")).toBe(true);
    expect(sameArn("arn:aws:s3:::b", "arn:aws:s3:::b2")).toBe(false);
  });
});

describe("someDocument", () => {
  it("is undefined, not false, when the only document cannot be read (it was reported)", () => {
    const reported: string[] = [];
    expect(
      someDocument(
        [{ where: "the policy", value: "{" }],
        (m) => reported.push(m),
        (d) => statements(d).length > 0,
      ),
    ).toBeUndefined();
    expect(reported).toEqual([expect.stringMatching(/^the policy is not valid JSON/)]);
  });

  it("skips documents that are not set", () => {
    expect(
      someDocument(
        [{ where: "x", value: undefined }],
        () => {},
        () => true,
      ),
    ).toBe(false);
  });
});
