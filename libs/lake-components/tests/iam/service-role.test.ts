import { describe, expect, it } from "vitest";
import { ServiceRole } from "../../src/iam/service-role.js";
import { policyOf, resource, settled, resolve } from "../helpers.js";

describe("ServiceRole", async () => {
  const role = new ServiceRole("ingest-fn", {
    service: "lambda.amazonaws.com",
    sourceAccount: "123456789012",
    statements: [
      {
        Sid: "Write",
        Effect: "Allow",
        Action: ["s3:PutObject"],
        Resource: ["arn:aws:s3:::bronze/source=x/*"],
      },
    ],
  });
  const arn = await resolve(role.roleArn);
  await settled();

  it("trusts only the service, for the account", () => {
    const trust: unknown = JSON.parse(
      String(resource("aws:iam/role:Role", "ingest-fn-role").inputs.assumeRolePolicy),
    );
    expect(trust).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: ["sts:AssumeRole"],
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
      ],
    });
    expect(arn).toMatch(/^arn:aws:iam::123456789012:role\/ingest-fn-role/);
  });

  it("attaches the statements as its inline policy", () => {
    expect(policyOf(resource("aws:iam/rolePolicy:RolePolicy", "ingest-fn-policy")).Statement).toEqual([
      {
        Sid: "Write",
        Effect: "Allow",
        Action: ["s3:PutObject"],
        Resource: ["arn:aws:s3:::bronze/source=x/*"],
      },
    ]);
  });

  it.each([
    [
      "a wildcard grant",
      {
        service: "glue.amazonaws.com",
        statements: [{ Effect: "Allow" as const, Action: ["s3:*"], Resource: ["*"] }],
      },
      /grants wildcards: statement 0: action s3:\* on resource \*/,
    ],
    [
      "a principal that is no service",
      { service: "arn:aws:iam::1:root", statements: [] },
      /is not a service principal/,
    ],
  ])("refuses %s before creating anything", (_label, args, message) => {
    expect(() => new ServiceRole("bad", args)).toThrow(message);
  });
});
