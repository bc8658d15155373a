import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { registrations } from "../src/engine.js";
import { evaluateOnce, stackHarness } from "../src/stack-harness.js";

const harness = stackHarness(new URL("./fixture-project/", import.meta.url));

describe("stackHarness", () => {
  it("reads the project name from Pulumi.yaml", () => {
    expect(harness.project).toBe("fixture-project");
  });

  it("gives the stack file's config as the engine hands it over", () => {
    expect(harness.config("dev")).toMatchObject({
      "aws:region": "eu-central-1",
      "fixture-project:tags": '{"team":"data"}',
    });
  });

  it("configures the stack from its file as the engine would: namespaced keys, structured values as JSON", async () => {
    await harness.start("dev");
    expect(new pulumi.Config("fixture-project").requireObject("tags")).toEqual({ team: "data" });
    expect(new pulumi.Config("fixture-project").require("protectData")).toBe("false");
    expect(new pulumi.Config("aws").require("region")).toBe("eu-central-1");
    expect(pulumi.getStack()).toBe("dev");
    await harness.finish();
  });

  it("sets config over the stack file's", async () => {
    await harness.start("dev", { config: { "fixture-project:environment": "prod" } });
    expect(new pulumi.Config("fixture-project").require("environment")).toBe("prod");
    await harness.finish();
  });

  it("evaluates a program: its outputs resolved, its resources with their protection, the upstream outputs fed", async () => {
    const { resolved, resources } = await harness.evaluate(
      "dev",
      () => {
        const upstream = new pulumi.StackReference("organization/upstream/dev");
        const bucket = new aws.s3.Bucket(
          "data",
          { bucket: upstream.requireOutput("bucketName") as pulumi.Output<string> },
          { protect: true, retainOnDelete: true },
        );
        return { bucketArn: bucket.arn, stack: pulumi.getStack(), plain: 1 };
      },
      { upstream: { "organization/upstream/dev": { bucketName: "lake-dev-data" } } },
    );
    expect(resolved).toEqual({ bucketArn: "arn:aws:s3:::lake-dev-data", stack: "dev", plain: 1 });
    const bucket = resources.find((r) => r.type === "aws:s3/bucket:Bucket");
    expect(bucket).toMatchObject({
      name: "data",
      id: "lake-dev-data",
      custom: true,
      protect: true,
      retainOnDelete: true,
      inputs: { bucket: "lake-dev-data" },
      state: { arn: "arn:aws:s3:::lake-dev-data" },
    });
    expect(bucket?.urn).toMatch(/::fixture-project::aws:s3\/bucket:Bucket::data$/);
    expect(resources.some((r) => r.type === "pulumi:pulumi:StackReference")).toBe(true);
  });

  it("records secrets marked in the wire inputs and plain in the inputs", async () => {
    const { resources } = await harness.evaluate("dev", () => {
      new aws.kms.Key("key", { description: pulumi.secret("hidden") });
      return {};
    });
    const key = resources.find((r) => r.type === "aws:kms/key:Key");
    expect(key?.inputs["description"]).toBe("hidden");
    expect(JSON.stringify(key?.wireInputs["description"])).toContain("1b47061264138c4ac30d75fd1eb44270");
  });

  it("fails a StackReference the test gives no outputs for, naming it", async () => {
    await harness.start("dev");
    new pulumi.StackReference("organization/missing/dev");
    await expect(harness.finish()).rejects.toThrow(
      "no outputs for the StackReference organization/missing/dev",
    );
  });

  it("forgets the resources of the previous evaluation", async () => {
    await harness.evaluate("dev", () => ({}));
    expect(registrations).toEqual([]);
  });
});

describe("evaluateOnce", () => {
  it("runs an evaluation once per key", async () => {
    const cache = new Map<string, number>();
    let runs = 0;
    const run = () => Promise.resolve(++runs);
    expect(await evaluateOnce(cache, "a", run)).toBe(1);
    expect(await evaluateOnce(cache, "a", run)).toBe(1);
    expect(await evaluateOnce(cache, "b", run)).toBe(2);
  });
});
