import { describe, expect, it } from "vitest";
import { createPlanMocks, mockResourceState, parseTypeToken, renderPolicyDocument } from "../src/mocks.js";

const region = "eu-west-1";
const account = "123456789012";

describe("mockResourceState", () => {
  it("gives the same id and state for the same type, name and inputs", () => {
    const a = mockResourceState("aws:s3/bucket:Bucket", "bronze", {}, region, account);
    const b = mockResourceState("aws:s3/bucket:Bucket", "bronze", {}, region, account);
    expect(a).toEqual(b);
  });

  it("gives different auto-names to different logical names", () => {
    const a = mockResourceState("aws:s3/bucket:Bucket", "bronze", {}, region, account);
    const b = mockResourceState("aws:s3/bucket:Bucket", "silver", {}, region, account);
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^bronze-[0-9a-f]{7}$/);
  });

  it.each([
    ["aws:s3/bucket:Bucket", { bucket: "lake-bronze" }, "arn:aws:s3:::lake-bronze"],
    ["aws:iam/role:Role", { name: "glue" }, "arn:aws:iam::123456789012:role/glue"],
    ["aws:iam/policy:Policy", { name: "read" }, "arn:aws:iam::123456789012:policy/read"],
    [
      "aws:glue/catalogDatabase:CatalogDatabase",
      { name: "bronze" },
      "arn:aws:glue:eu-west-1:123456789012:database/bronze",
    ],
    [
      "aws:glue/catalogTable:CatalogTable",
      { name: "t", databaseName: "d" },
      "arn:aws:glue:eu-west-1:123456789012:table/d/t",
    ],
    [
      "aws:athena/workgroup:Workgroup",
      { name: "analysts" },
      "arn:aws:athena:eu-west-1:123456789012:workgroup/analysts",
    ],
    ["aws:glue/job:Job", { name: "b2s" }, "arn:aws:glue:eu-west-1:123456789012:job/b2s"],
    [
      "aws:glue/dataQualityRuleset:DataQualityRuleset",
      { name: "r" },
      "arn:aws:glue:eu-west-1:123456789012:dataQualityRuleset/r",
    ],
    ["aws:sqs/queue:Queue", { name: "q" }, "arn:aws:sqs:eu-west-1:123456789012:q"],
  ])("derives the ARN of %s from its name", (type, inputs, arn) => {
    expect(mockResourceState(type, "logical", inputs, region, account).state["arn"]).toBe(arn);
  });

  it("keeps the inputs in the state so outputs mirror what was asked for", () => {
    const { state } = mockResourceState(
      "aws:glue/job:Job",
      "j",
      { name: "j", glueVersion: "5.0" },
      region,
      account,
    );
    expect(state["glueVersion"]).toBe("5.0");
  });

  it("identifies an SQS queue by its URL and a bucket sub-resource by its bucket", () => {
    expect(mockResourceState("aws:sqs/queue:Queue", "q", { name: "q" }, region, account).id).toBe(
      "https://sqs.eu-west-1.amazonaws.com/123456789012/q",
    );
    expect(
      mockResourceState("aws:s3/bucketVersioning:BucketVersioning", "v", { bucket: "b" }, region, account).id,
    ).toBe("b");
  });

  it("does not echo large inputs (an inlined archive) into the outputs", () => {
    const big = "x".repeat(5000);
    const { state } = mockResourceState(
      "aws:s3/bucketObjectv2:BucketObjectv2",
      "o",
      { key: "k", contentBase64: big },
      region,
      account,
    );
    expect(state).not.toHaveProperty("contentBase64");
    expect(state["key"]).toBe("k");
  });

  it("gives a KMS key a UUID key id", () => {
    const { id, state } = mockResourceState("aws:kms/key:Key", "lake", {}, region, account);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(state["arn"]).toBe(`arn:aws:kms:eu-west-1:123456789012:key/${id}`);
  });
});

describe("parseTypeToken", () => {
  it("splits package, service and a lower camel case kind", () => {
    expect(parseTypeToken("aws:glue/dataQualityRuleset:DataQualityRuleset")).toEqual({
      pkg: "aws",
      service: "glue",
      kind: "dataQualityRuleset",
    });
  });
});

describe("createPlanMocks", () => {
  const mocks = createPlanMocks({
    region,
    stackOutputs: (name) => {
      if (name === "organization/infra-bronze/dev") return { bucketName: "b" };
      throw new Error(`no plan for ${name}`);
    },
  });

  it("answers a StackReference with the upstream plan's outputs", async () => {
    const result = await mocks.newResource({
      type: "pulumi:pulumi:StackReference",
      name: "organization/infra-bronze/dev",
      inputs: { name: "organization/infra-bronze/dev" },
    });
    expect(result.state["outputs"]).toEqual({ bucketName: "b" });
  });

  it("fails a StackReference to a stack that has no plan", () => {
    expect(() =>
      mocks.newResource({ type: "pulumi:pulumi:StackReference", name: "x/y/z", inputs: { name: "x/y/z" } }),
    ).toThrow("no plan for x/y/z");
  });

  it("names the function it has no mock for", () => {
    expect(() => mocks.call({ token: "aws:ec2/getVpc:getVpc", inputs: {} })).toThrow(
      /aws:ec2\/getVpc:getVpc/,
    );
  });

  it("returns the plan account from getCallerIdentity", async () => {
    const identity = await mocks.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} });
    expect(identity["accountId"]).toBe(account);
  });
});

describe("renderPolicyDocument", () => {
  it("writes IAM JSON with principals and conditions grouped", () => {
    const json = renderPolicyDocument({
      statements: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["glue.amazonaws.com"] }],
          conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["1"] }],
        },
      ],
    });
    expect(JSON.parse(json)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["sts:AssumeRole"],
          Principal: { Service: ["glue.amazonaws.com"] },
          Condition: { StringEquals: { "aws:SourceAccount": ["1"] } },
        },
      ],
    });
  });
});
