import { physicalNameProblems, policyDocumentsIn, wildcardGrantsIn } from "@lake/lake-components";
import { evaluateOnce, resolve, stackHarness, type Evaluation } from "@lake/pulumi-mocks";
import { registry, type DatasetRegistry } from "@lake/schemas";
import {
  bronzeStack,
  dataProtectionProblems,
  exportMismatches,
  withLongestDatasetName,
  type BronzeStackOutputs,
  type StackExports,
} from "@lake/stacks";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it, vi } from "vitest";
import { bronzeConfig } from "../src/config.js";
import { createBronzeStack } from "../src/stack.js";

const harness = stackHarness(new URL("..", import.meta.url));
const evaluations = new Map<string, Evaluation<StackExports<BronzeStackOutputs>>>();

/** One evaluation per stack and registry, shared by the tests that only read it (tests run one after another). */
function evaluate(
  stack: "dev" | "prod",
  datasets: DatasetRegistry = registry,
): Promise<Evaluation<StackExports<BronzeStackOutputs>>> {
  return evaluateOnce(evaluations, `${stack}:${datasets.all().length}`, () =>
    harness.evaluate(stack, () => createBronzeStack(bronzeConfig.load(), datasets)),
  );
}

describe.each(["dev", "prod"] as const)("bronze stack (%s)", (stack) => {
  it("names the buckets after the prefix, account and region", async () => {
    const { resolved } = await evaluate(stack);
    expect(resolved.bronzeBucketName).toBe(`lake-${stack}-bronze-123456789012-eu-west-1`);
    expect(resolved.accessLogBucketName).toBe(`lake-${stack}-access-logs-123456789012-eu-west-1`);
    expect(resolved.kmsKeyArn).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\//);
  });

  it("encrypts the bronze bucket with the lake key", async () => {
    const { resolved, resources } = await evaluate(stack);
    const encryption = resources.filter(
      (r) =>
        r.type === "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );
    const kmsRules = JSON.stringify(encryption.map((r) => r.inputs));
    expect(kmsRules).toContain(String(resolved.kmsKeyArn));
  });

  it("crawls every registered source, and only those, into the bronze database", async () => {
    const { resolved, resources } = await evaluate(stack);
    const sources = registry.withSource().map((c) => c.name);
    expect(Object.keys(resolved.crawlerNames as object).sort()).toEqual([...sources].sort());
    const crawlers = resources.filter((r) => r.type === "aws:glue/crawler:Crawler");
    expect(crawlers).toHaveLength(sources.length);
    expect(crawlers.every((c) => c.inputs["databaseName"] === resolved.bronzeDatabaseName)).toBe(true);
    expect(resources.filter((r) => r.type === "aws:s3/bucketNotification:BucketNotification")).toHaveLength(
      1,
    );
  });

  it("grants no wildcard action on a wildcard resource in any policy", async () => {
    const { resources } = await evaluate(stack);
    expect(resources.flatMap((r) => policyDocumentsIn(r.inputs)).length).toBeGreaterThan(2);
    expect(wildcardGrantsIn(resources)).toEqual([]);
  });

  it("gives every resource a name its service accepts, even for the longest dataset name", async () => {
    const { resources } = await evaluate(stack, withLongestDatasetName(registry));
    expect(resources.filter((r) => r.type === "aws:glue/crawler:Crawler")).toHaveLength(
      registry.withSource().length + 1,
    );
    expect(physicalNameProblems(resources)).toEqual([]);
  });
});

describe("data protection", () => {
  it("protects only data in prod: jobs, roles and other replaceable resources stay deletable", async () => {
    const { resources } = await evaluate("prod");
    expect(
      dataProtectionProblems(resources, [
        "aws:glue/crawler:Crawler",
        "aws:iam/role:Role",
        "aws:sqs/queue:Queue",
      ]),
    ).toEqual([]);
  });

  it("protects and retains every bucket and key in prod", async () => {
    const { resources } = await evaluate("prod");
    const data = resources.filter((r) => r.type === "aws:s3/bucket:Bucket" || r.type === "aws:kms/key:Key");
    expect(data.length).toBe(3);
    for (const r of data)
      expect({ name: r.name, protect: r.protect, retain: r.retainOnDelete }).toEqual({
        name: r.name,
        protect: true,
        retain: true,
      });
    expect(
      resources
        .filter((r) => r.type === "aws:s3/bucket:Bucket")
        .every((r) => r.inputs["forceDestroy"] === false),
    ).toBe(true);
  });

  it("leaves dev destroyable", async () => {
    const { resources } = await evaluate("dev");
    const buckets = resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
    expect(buckets.every((r) => !r.protect && !r.retainOnDelete && r.inputs["forceDestroy"] === true)).toBe(
      true,
    );
  });
});

describe("program (src/index.ts)", () => {
  it.each(["dev", "prod"])("exports exactly its contract with the %s config", async (stack) => {
    await harness.start(stack);
    vi.resetModules();
    const program = (await import("../src/index.js")) as Record<string, unknown>;
    expect(exportMismatches(bronzeStack, program)).toEqual([]);
    expect(await resolve(program["bronzeBucketName"] as pulumi.Output<string>)).toBe(
      `lake-${stack}-bronze-123456789012-eu-west-1`,
    );
    await harness.finish();
  });

  it("fails with the stack and key named when the config is wrong", async () => {
    await harness.start("dev", { config: { "infra-bronze:environment": "qa" } });
    vi.resetModules();
    await expect(import("../src/index.js")).rejects.toThrow(
      /infra-bronze stack "dev": invalid configuration[\s\S]*→ at environment/,
    );
    await harness.finish();
  });
});
