import { describe, expect, it } from "vitest";
import {
  dmsIdentifier,
  AUTO_NAME_SUFFIX_LENGTH,
  autoNamed,
  fitName,
  NAME_LIMITS,
  physicalName,
  physicalNameProblems,
} from "../src/physical-names.js";

const longDataset = `support_tickets_${"x".repeat(239)}`; // 255 characters, the longest Glue table name

describe("fitName", () => {
  it("leaves a name that fits exactly as it is", () => {
    expect(fitName("lake-dev-quality-customers-job-role", 56)).toBe("lake-dev-quality-customers-job-role");
  });

  it("shortens a long name to the limit, keeping its start and a hash of the whole", () => {
    const name = `lake-dev-quality-${longDataset}-job-role`;
    const fitted = fitName(name, 56);
    expect(fitted).toHaveLength(56);
    expect(fitted).toMatch(/^lake-dev-quality-support_tickets_x+-[0-9a-f]{8}$/);
    expect(fitName(name, 56)).toBe(fitted);
  });

  it("keeps two long names apart however late they differ", () => {
    const a = fitName(`lake-dev-b2s-${longDataset}a`, 56);
    const b = fitName(`lake-dev-b2s-${longDataset}b`, 56);
    expect(a).not.toBe(b);
  });

  it("does not end the kept part on a separator", () => {
    expect(fitName(`${"a".repeat(46)}-----rest-of-it`, 56)).toMatch(/^a{46}-[0-9a-f]{8}$/);
  });
});

describe("autoNamed and physicalName", () => {
  it.each([
    ["aws:iam/role:Role", 64],
    ["aws:sqs/queue:Queue", 80],
    ["aws:glue/job:Job", 255],
    ["aws:lambda/function:Function", 64],
  ])("a %s logical name leaves room for Pulumi's suffix under %d", (type, max) => {
    const logical = autoNamed(type, `lake-dev-quality-${longDataset}-job-role`);
    expect(logical.length + AUTO_NAME_SUFFIX_LENGTH).toBe(max);
    expect(autoNamed(type, "lake-dev-b2s-customers-job-role")).toBe("lake-dev-b2s-customers-job-role");
  });

  it("fits an explicit name to the limit itself", () => {
    expect(physicalName("aws:athena/workgroup:Workgroup", "x".repeat(200))).toHaveLength(128);
  });

  it("refuses a type whose limit is not written down", () => {
    expect(() => autoNamed("aws:ec2/vpc:Vpc", "v")).toThrow("no name limit is known for aws:ec2/vpc:Vpc");
  });
});

describe("physicalNameProblems", () => {
  it.each([
    ["an auto-named role that fits", { type: "aws:iam/role:Role", name: "r".repeat(56), inputs: {} }, []],
    [
      "an auto-named role one character over",
      { type: "aws:iam/role:Role", name: "r".repeat(57), inputs: {} },
      [expect.stringMatching(/IAM role name "r{57}-xxxxxxx" has 65 characters, over 64/)],
    ],
    [
      "an explicit bucket name over 63",
      { type: "aws:s3/bucket:Bucket", name: "b", inputs: { bucket: "b".repeat(64) } },
      [expect.stringMatching(/S3 bucket name "b{64}" has 64 characters, over 63/)],
    ],
    [
      "a nested name (a data cells filter's)",
      {
        type: "aws:lakeformation/dataCellsFilter:DataCellsFilter",
        name: "f",
        inputs: { tableData: { name: "f".repeat(256) } },
      },
      [expect.stringMatching(/data cells filter name "f{256}" has 256 characters, over 255/)],
    ],
    [
      "a bucket setting, which has no name",
      { type: "aws:s3/bucketVersioning:BucketVersioning", name: "v".repeat(300), inputs: {} },
      [],
    ],
    ["a component", { type: "lake:compute:SparkJob", name: "j".repeat(300), inputs: {} }, []],
    [
      "a type the table does not know",
      { type: "aws:sns/topic:Topic", name: "v", inputs: {} },
      ["aws:sns/topic:Topic v: no name limit is known for this type (add it to NAME_LIMITS)"],
    ],
    // EC2 gives a VPC an id; its Name tag is a label, not a name with a limit.
    ["a VPC", { type: "aws:ec2/vpc:Vpc", name: "v".repeat(300), inputs: {} }, []],
  ])("%s", (_, resource, expected) => {
    expect(physicalNameProblems([resource])).toEqual(expected);
  });

  it("knows a limit for every type it names, each a positive length", () => {
    for (const [type, limit] of Object.entries(NAME_LIMITS)) {
      expect(type).toMatch(/^aws:[a-z0-9]+\/[a-zA-Z0-9]+:[A-Za-z0-9]+$/);
      expect(limit.max).toBeGreaterThan(12);
    }
  });
});

describe("dmsIdentifier", () => {
  const type = "aws:dms/endpoint:Endpoint";
  it.each([
    ["lake-dev-bronze-transactions-source", "lake-dev-bronze-transactions-source"],
    ["lake-dev-bronze-support_tickets-source", "lake-dev-bronze-support-tickets-source"],
    ["9lives__of--a_cat-", "lives-of-a-cat"],
  ])("makes %s %s", (name, id) => {
    expect(dmsIdentifier(type, name)).toBe(id);
  });

  it("fits a long name into 255 characters DMS accepts, keeping it unique", () => {
    const a = dmsIdentifier(type, `lake-${"a_".repeat(200)}source`);
    const b = dmsIdentifier(type, `lake-${"a_".repeat(200)}target`);
    for (const id of [a, b]) {
      expect(id.length).toBeLessThanOrEqual(255);
      expect(id).toMatch(/^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*[A-Za-z0-9]$/);
    }
    expect(a).not.toBe(b);
  });

  it("refuses a name with no letter", () => {
    expect(() => dmsIdentifier(type, "123_456")).toThrow(/no letter to start with/);
  });
});
