import { describe, expect, it } from "vitest";
import {
  glueCatalogArn,
  glueCrawlerArn,
  glueJobArn,
  glueTableArn,
  logGroupArn,
  logGroupArnPrefix,
  mwaaEnvironmentArn,
  parseArn,
} from "../../src/iam/arns.js";

const DB = "arn:aws:glue:eu-west-1:123456789012:database/silver";

describe("parseArn", () => {
  it("keeps colons inside the resource", () => {
    expect(parseArn("arn:aws:logs:eu-west-1:1:log-group:/aws-glue/jobs:*")).toEqual({
      partition: "aws",
      service: "logs",
      region: "eu-west-1",
      account: "1",
      resource: "log-group:/aws-glue/jobs:*",
    });
  });

  it.each(["", "arn:aws:s3", "not:an:arn:at:all:x"])("rejects %j", (value) => {
    expect(() => parseArn(value)).toThrow(/not an ARN/);
  });
});

describe("Glue ARNs from a database ARN", () => {
  it.each([
    [glueCatalogArn(DB), "arn:aws:glue:eu-west-1:123456789012:catalog"],
    [glueTableArn(DB, "customers"), "arn:aws:glue:eu-west-1:123456789012:table/silver/customers"],
    [glueTableArn(DB, "*"), "arn:aws:glue:eu-west-1:123456789012:table/silver/*"],
    [logGroupArnPrefix(DB, "/aws-glue/"), "arn:aws:logs:eu-west-1:123456789012:log-group:/aws-glue/"],
  ])("%s", (actual, expected) => expect(actual).toBe(expected));

  it("works in other partitions", () => {
    expect(glueCatalogArn("arn:aws-cn:glue:cn-north-1:1:database/x")).toBe(
      "arn:aws-cn:glue:cn-north-1:1:catalog",
    );
  });

  it("refuses ARNs that are not Glue databases", () => {
    expect(() => glueCatalogArn("arn:aws:s3:::bucket-name-x")).toThrow(/not a Glue database ARN/);
    expect(() => glueTableArn("arn:aws:glue:eu-west-1:1:table/a/b", "c")).toThrow(/not a Glue database ARN/);
  });
});

describe("ARNs from names", () => {
  const scope = { partition: "aws", region: "eu-west-1", account: "123456789012" };

  it.each([
    [
      glueJobArn(scope, "lake-dev-b2s-customers"),
      "arn:aws:glue:eu-west-1:123456789012:job/lake-dev-b2s-customers",
    ],
    [glueCrawlerArn(scope, "lake-dev-crawl"), "arn:aws:glue:eu-west-1:123456789012:crawler/lake-dev-crawl"],
    [
      mwaaEnvironmentArn(scope, "lake-dev-airflow"),
      "arn:aws:airflow:eu-west-1:123456789012:environment/lake-dev-airflow",
    ],
    [logGroupArn(scope, "airflow-x-*"), "arn:aws:logs:eu-west-1:123456789012:log-group:airflow-x-*"],
  ])("%s", (actual, expected) => expect(actual).toBe(expected));

  it("refuses an account that is not 12 digits", () => {
    expect(() => glueJobArn({ ...scope, account: "1234" }, "j")).toThrow(/not an AWS account id: "1234"/);
  });
});
