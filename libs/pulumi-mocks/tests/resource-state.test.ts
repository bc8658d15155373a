import { describe, expect, it } from "vitest";
import {
  MAX_ECHOED_STRING,
  MOCK_ACCOUNT,
  mockAutoName,
  mockResourceState,
  parseTypeToken,
} from "../src/resource-state.js";

const region = "eu-west-1";

describe("mockResourceState", () => {
  it("gives the same id and state for the same type, name and inputs", () => {
    expect(mockResourceState("aws:s3/bucket:Bucket", "bronze", {})).toEqual(
      mockResourceState("aws:s3/bucket:Bucket", "bronze", {}),
    );
  });

  it("auto-names a resource without a name input as Pulumi does: logical name, hyphen, 7 hex", () => {
    const a = mockResourceState("aws:s3/bucket:Bucket", "bronze", {});
    expect(a.id).toBe(mockAutoName("aws:s3/bucket:Bucket", "bronze"));
    expect(a.id).toMatch(/^bronze-[0-9a-f]{7}$/);
    expect(mockResourceState("aws:s3/bucket:Bucket", "silver", {}).id).not.toBe(a.id);
  });

  it.each([
    ["aws:s3/bucket:Bucket", { bucket: "lake-bronze" }, "lake-bronze", "arn:aws:s3:::lake-bronze"],
    ["aws:iam/role:Role", { name: "glue" }, "glue", `arn:aws:iam::${MOCK_ACCOUNT}:role/glue`],
    ["aws:iam/policy:Policy", { name: "read" }, "read", `arn:aws:iam::${MOCK_ACCOUNT}:policy/read`],
    [
      "aws:glue/catalogDatabase:CatalogDatabase",
      { name: "bronze" },
      `${MOCK_ACCOUNT}:bronze`,
      `arn:aws:glue:${region}:${MOCK_ACCOUNT}:database/bronze`,
    ],
    [
      "aws:glue/catalogTable:CatalogTable",
      { name: "t", databaseName: "d" },
      `${MOCK_ACCOUNT}:d:t`,
      `arn:aws:glue:${region}:${MOCK_ACCOUNT}:table/d/t`,
    ],
    [
      "aws:athena/workgroup:Workgroup",
      { name: "analysts" },
      "analysts",
      `arn:aws:athena:${region}:${MOCK_ACCOUNT}:workgroup/analysts`,
    ],
    ["aws:glue/job:Job", { name: "b2s" }, "b2s", `arn:aws:glue:${region}:${MOCK_ACCOUNT}:job/b2s`],
    [
      "aws:glue/dataQualityRuleset:DataQualityRuleset",
      { name: "r" },
      "r",
      `arn:aws:glue:${region}:${MOCK_ACCOUNT}:dataQualityRuleset/r`,
    ],
    [
      "aws:sqs/queue:Queue",
      { name: "q" },
      `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT}/q`,
      `arn:aws:sqs:${region}:${MOCK_ACCOUNT}:q`,
    ],
    [
      "aws:lambda/function:Function",
      { name: "f" },
      "f",
      `arn:aws:lambda:${region}:${MOCK_ACCOUNT}:function:f`,
    ],
    [
      "aws:cloudwatch/logGroup:LogGroup",
      { name: "/aws/vpc-flow-logs/net" },
      "/aws/vpc-flow-logs/net",
      `arn:aws:logs:${region}:${MOCK_ACCOUNT}:log-group:/aws/vpc-flow-logs/net`,
    ],
    [
      "aws:mwaa/environment:Environment",
      { name: "lake-dev-airflow" },
      "lake-dev-airflow",
      `arn:aws:airflow:${region}:${MOCK_ACCOUNT}:environment/lake-dev-airflow`,
    ],
    [
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
      { name: "clicks" },
      `arn:aws:firehose:${region}:${MOCK_ACCOUNT}:deliverystream/clicks`,
      `arn:aws:firehose:${region}:${MOCK_ACCOUNT}:deliverystream/clicks`,
    ],
    [
      "aws:scheduler/schedule:Schedule",
      { name: "pull", groupName: "lake" },
      "lake/pull",
      `arn:aws:scheduler:${region}:${MOCK_ACCOUNT}:schedule/lake/pull`,
    ],
  ])("answers %s with its id and ARN, echoing the inputs", (type, inputs, id, arn) => {
    const state = mockResourceState(type, "logical", inputs, region);
    expect(state.id).toBe(id);
    expect(state.state["arn"]).toBe(arn);
    expect(state.state).toMatchObject(inputs);
  });

  it("gives DMS endpoints and replications ARNs with a generated identifier, as DMS does", () => {
    const endpoint = mockResourceState(
      "aws:dms/endpoint:Endpoint",
      "src",
      { endpointId: "orders-src" },
      region,
    );
    expect(endpoint.id).toBe("orders-src");
    expect(endpoint.state["endpointArn"]).toMatch(
      new RegExp(`^arn:aws:dms:${region}:${MOCK_ACCOUNT}:endpoint:[0-9A-F]{26}$`),
    );
    const replication = mockResourceState("aws:dms/replicationConfig:ReplicationConfig", "r", {}, region);
    expect(replication.state["arn"]).toMatch(/:replication-config:[0-9A-F]{26}$/);
  });

  it("identifies a bucket sub-resource by its bucket", () => {
    expect(mockResourceState("aws:s3/bucketVersioning:BucketVersioning", "v", { bucket: "b" }).id).toBe("b");
  });

  it("does not echo large inputs (an inlined archive) into the outputs", () => {
    const big = "x".repeat(MAX_ECHOED_STRING + 1);
    const { state } = mockResourceState("aws:s3/bucketObjectv2:BucketObjectv2", "o", {
      key: "k",
      contentBase64: big,
    });
    expect(state).not.toHaveProperty("contentBase64");
    expect(state["key"]).toBe("k");
  });

  it("gives a KMS key a UUID key id in the region asked for", () => {
    const { id, state } = mockResourceState("aws:kms/key:Key", "lake", {}, "us-east-1");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(state["arn"]).toBe(`arn:aws:kms:us-east-1:${MOCK_ACCOUNT}:key/${id}`);
  });

  it("gives an uploaded object a version id that changes with its content, as a versioned bucket does", () => {
    const v = (content: string) =>
      mockResourceState("aws:s3/bucketObjectv2:BucketObjectv2", "o", { key: "k", content }).state[
        "versionId"
      ];
    expect(v("a")).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(v("a")).toBe(v("a"));
    expect(v("b")).not.toBe(v("a"));
  });

  it("leaves resources of other packages (components) with their inputs only", () => {
    expect(mockResourceState("lake:storage:LakeBucket", "b", { x: 1 })).toEqual({
      id: mockAutoName("lake:storage:LakeBucket", "b"),
      state: { x: 1 },
    });
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
