import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { dataProtectionProblems, stackHarness, type Registered } from "../../src/testing/index.js";

const harness = stackHarness(new URL("./fixture-project/", import.meta.url));

describe("stackHarness", () => {
  it("reads the project name from Pulumi.yaml", () => {
    expect(harness.project).toBe("fixture-project");
  });

  it("gives the stack file's own keys without their namespace, and aws:region as region", () => {
    expect(harness.stackFileConfig("dev")).toEqual({
      region: "eu-central-1",
      environment: "dev",
      protectData: false,
      tags: { team: "data" },
    });
  });

  it("sets the stack file as the engine would: namespaced keys, structured values as JSON", async () => {
    await harness.startStack("dev");
    harness.setProgramConfig("dev");
    expect(new pulumi.Config("fixture-project").requireObject("tags")).toEqual({ team: "data" });
    expect(new pulumi.Config("fixture-project").require("protectData")).toBe("false");
    expect(new pulumi.Config("aws").require("region")).toBe("eu-central-1");
    await harness.finishStack();
  });

  it("evaluates a program: its outputs resolved, its resources with their protection, the upstream outputs fed", async () => {
    const { resolved, resources } = await harness.evaluate(
      "prod",
      () => {
        const upstream = new pulumi.StackReference("organization/upstream/prod");
        const bucket = new aws.s3.Bucket(
          "data",
          { bucket: upstream.requireOutput("bucketName") as pulumi.Output<string> },
          { protect: true, retainOnDelete: true },
        );
        return { bucketArn: bucket.arn, stack: pulumi.getStack(), plain: 1 };
      },
      { upstream: { "organization/upstream/prod": { bucketName: "lake-prod-data" } } },
    );
    expect(resolved).toEqual({ bucketArn: "arn:aws:s3:::lake-prod-data", stack: "prod", plain: 1 });
    const bucket = resources.find((r) => r.type === "aws:s3/bucket:Bucket");
    expect(bucket).toMatchObject({ name: "data", id: "lake-prod-data", protect: true, retainOnDelete: true });
  });
});

describe("dataProtectionProblems", () => {
  const r = (type: string, name: string, protect: boolean): Registered => ({
    type,
    name,
    protect,
    inputs: {},
    id: name,
    state: {},
    retainOnDelete: false,
  });
  const db = r("aws:glue/catalogDatabase:CatalogDatabase", "db", true);
  const table = r("aws:glue/catalogTable:CatalogTable", "orders", true);
  const job = r("aws:glue/job:Job", "b2s", false);
  const JOBS = ["aws:glue/job:Job"];

  it.each([
    ["a protected catalog and replaceable jobs", [db, table, job], []],
    [
      "an unprotected table",
      [db, { ...table, protect: false }, job],
      ["aws:glue/catalogTable:CatalogTable orders holds data, but is not protected"],
    ],
    [
      "a protected job",
      [db, table, { ...job, protect: true }],
      ["aws:glue/job:Job b2s is protected, but replaceable"],
    ],
    ["no job at all", [db, table], ["no resource of the replaceable types aws:glue/job:Job"]],
    ["no catalog at all", [job], ["no Glue database or table"]],
  ])("%s", (_, resources, expected) => {
    expect(dataProtectionProblems(resources, JOBS)).toEqual(expected);
  });
});
