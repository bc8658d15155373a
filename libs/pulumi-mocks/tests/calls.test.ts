import { describe, expect, it } from "vitest";
import { mockCall, renderPolicyDocument } from "../src/calls.js";
import { MOCK_ACCOUNT } from "../src/resource-state.js";

describe("mockCall", () => {
  it.each([
    ["aws:index/getCallerIdentity:getCallerIdentity", { accountId: MOCK_ACCOUNT }],
    ["aws:index/getRegion:getRegion", { name: "eu-west-1", region: "eu-west-1" }],
    ["aws:index/getPartition:getPartition", { partition: "aws", dnsSuffix: "amazonaws.com" }],
    [
      "aws:index/getAvailabilityZones:getAvailabilityZones",
      { names: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"] },
    ],
  ])("answers %s for the region asked for", (token, expected) => {
    expect(mockCall(token, {}, "eu-west-1")).toMatchObject(expected);
  });

  it("names a provider function it has no answer for", () => {
    expect(() => mockCall("aws:ec2/getVpc:getVpc", {}, "eu-west-1")).toThrow(
      "no answer for the provider function aws:ec2/getVpc:getVpc",
    );
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
