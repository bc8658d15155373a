import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { evaluateStack, PlanEvaluationError } from "../src/evaluate.js";
import { upstreamOutputsFrom } from "../src/plan-app.js";
import { planToJson } from "../src/plan-writer.js";
import type { Plan } from "../src/model.js";

class Store extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("lake:test:Store", name, {}, opts);
    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { tags: { layer: name } }, { parent: this });
    this.registerOutputs({ bucket: this.bucket.bucket });
  }
}

function program(upstreamStack = "organization/upstream/dev") {
  return () => {
    const config = new pulumi.Config();
    const store = new Store(config.require("layer"));
    const upstream = new pulumi.StackReference(upstreamStack);
    const key = new aws.kms.Key("key", { description: config.requireSecret("keyDescription") });
    return Promise.resolve({
      bucketName: store.bucket.bucket,
      upstreamBucket: upstream.requireOutput("bucketName"),
      keyArn: key.arn,
      token: pulumi.secret("t0ken"),
    });
  };
}

function planDirWith(plan: Plan): string {
  const dir = mkdtempSync(join(tmpdir(), "offline-plan-test-"));
  writeFileSync(join(dir, `${plan.project}.${plan.stack}.json`), planToJson(plan));
  return dir;
}

const upstreamDir = planDirWith({
  project: "upstream",
  stack: "dev",
  resources: [],
  outputs: { bucketName: "up-1" },
});

const evaluate = (prog: () => Promise<Record<string, unknown>> = program()) =>
  evaluateStack({
    project: "demo",
    stack: "dev",
    config: { "aws:region": "eu-west-1", "demo:layer": "silver", "demo:keyDescription": "[secret]" },
    secretKeys: ["demo:keyDescription"],
    stackOutputs: upstreamOutputsFrom(upstreamDir),
    program: prog,
  });

describe("evaluateStack", () => {
  it("gives byte-identical plans for two evaluations of the same program", async () => {
    const first = planToJson(await evaluate());
    const second = planToJson(await evaluate());
    expect(second).toBe(first);
  });

  it("records every resource with its URN, type, parent and inputs", async () => {
    const plan = await evaluate();
    const bucket = plan.resources.find((r) => r.type === "aws:s3/bucket:Bucket");
    expect(bucket).toEqual({
      urn: "urn:pulumi:dev::demo::lake:test:Store$aws:s3/bucket:Bucket::silver-bucket",
      type: "aws:s3/bucket:Bucket",
      name: "silver-bucket",
      parent: "urn:pulumi:dev::demo::lake:test:Store::silver",
      inputs: { tags: { layer: "silver" } },
    });
    expect(plan.resources.map((r) => r.urn)).toEqual([...plan.resources.map((r) => r.urn)].sort());
  });

  it("shows secrets as [secret] in inputs and outputs", async () => {
    const plan = await evaluate();
    const key = plan.resources.find((r) => r.type === "aws:kms/key:Key");
    expect(key?.inputs).toEqual({ description: "[secret]" });
    expect(plan.outputs["token"]).toBe("[secret]");
  });

  it("feeds StackReference outputs from the upstream stack's plan", async () => {
    const plan = await evaluate();
    expect(plan.outputs["upstreamBucket"]).toBe("up-1");
    expect(plan.outputs["bucketName"]).toMatch(/^silver-bucket-[0-9a-f]{7}$/);
  });

  it("fails with the missing upstream plan named when a StackReference has none", async () => {
    const error = await evaluate(program("organization/nowhere/dev")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanEvaluationError);
    expect((error as Error).message).toContain("nowhere.dev.json");
    expect((error as Error).message).toContain("demo (stack dev)");
  });

  it("fails when two resources would get the same URN", async () => {
    const error = await evaluate(() => {
      new aws.s3.Bucket("twin");
      new aws.s3.Bucket("twin");
      return Promise.resolve({});
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      "two resources have the URN urn:pulumi:dev::demo::aws:s3/bucket:Bucket::twin",
    );
  });

  it("reports an error thrown by the program with the stack it came from", async () => {
    const error = await evaluate(() =>
      Promise.reject(new Error("infra-demo: config key 'layer' is missing")),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /demo \(stack dev\) failed to evaluate:\n {2}- infra-demo: config key/,
    );
  });
});
