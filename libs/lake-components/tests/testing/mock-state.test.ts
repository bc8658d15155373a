import { describe, expect, it } from "vitest";
import { MOCK_ACCOUNT, mockCall, mockResourceState, mockSuffix } from "../../src/testing/index.js";

describe("mockResourceState", () => {
  it.each([
    [
      "aws:s3/bucket:Bucket",
      { bucket: "lake-dev-silver" },
      "lake-dev-silver",
      "arn:aws:s3:::lake-dev-silver",
    ],
    [
      "aws:glue/catalogDatabase:CatalogDatabase",
      { name: "silver" },
      `${MOCK_ACCOUNT}:silver`,
      `arn:aws:glue:eu-west-1:${MOCK_ACCOUNT}:database/silver`,
    ],
    [
      "aws:glue/catalogTable:CatalogTable",
      { name: "customers", databaseName: "silver" },
      `${MOCK_ACCOUNT}:silver:customers`,
      `arn:aws:glue:eu-west-1:${MOCK_ACCOUNT}:table/silver/customers`,
    ],
    ["aws:iam/role:Role", { name: "job-role" }, "job-role", `arn:aws:iam::${MOCK_ACCOUNT}:role/job-role`],
    ["aws:glue/job:Job", { name: "b2s" }, "b2s", `arn:aws:glue:eu-west-1:${MOCK_ACCOUNT}:job/b2s`],
    [
      "aws:sqs/queue:Queue",
      { name: "events" },
      `https://sqs.eu-west-1.amazonaws.com/${MOCK_ACCOUNT}/events`,
      `arn:aws:sqs:eu-west-1:${MOCK_ACCOUNT}:events`,
    ],
  ])("answers %s with its id and ARN", (type, inputs, id, arn) => {
    const { id: gotId, state } = mockResourceState(type, "logical", inputs);
    expect(gotId).toBe(id);
    expect(state["arn"]).toBe(arn);
    expect(state).toMatchObject(inputs);
  });

  it("auto-names a resource without a name input from its logical name, the same way every time", () => {
    const first = mockResourceState("aws:s3/bucket:Bucket", "bronze-data", {});
    expect(first.id).toBe(`bronze-data-${mockSuffix("aws:s3/bucket:Bucket", "bronze-data")}`);
    expect(mockResourceState("aws:s3/bucket:Bucket", "bronze-data", {})).toEqual(first);
    expect(mockResourceState("aws:s3/bucket:Bucket", "gold-data", {}).id).not.toBe(first.id);
  });

  it("puts KMS keys and EMR Serverless applications in the region asked for", () => {
    expect(mockResourceState("aws:kms/key:Key", "k", {}, "us-east-1").state["arn"]).toMatch(
      new RegExp(`^arn:aws:kms:us-east-1:${MOCK_ACCOUNT}:key/[0-9a-f]{7}$`),
    );
    const app = mockResourceState("aws:emrserverless/application:Application", "app", {}, "us-east-1");
    expect(app.state["arn"]).toBe(`arn:aws:emr-serverless:us-east-1:${MOCK_ACCOUNT}:/applications/${app.id}`);
  });
});

describe("mockCall", () => {
  it.each([
    ["aws:index/getCallerIdentity:getCallerIdentity", { accountId: MOCK_ACCOUNT }],
    ["aws:index/getRegion:getRegion", { name: "eu-west-1", region: "eu-west-1" }],
    ["aws:index/getPartition:getPartition", { partition: "aws", dnsSuffix: "amazonaws.com" }],
  ])("answers %s", (token, expected) => {
    expect(mockCall(token)).toMatchObject(expected);
  });

  it("names a provider function it has no answer for", () => {
    expect(() => mockCall("aws:ec2/getVpc:getVpc")).toThrow(
      "no mock for the provider function aws:ec2/getVpc:getVpc",
    );
  });
});
