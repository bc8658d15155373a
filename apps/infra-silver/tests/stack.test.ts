import * as pulumi from "@pulumi/pulumi";
import { buildJobPackage } from "@lake/lake-components";
import { registry } from "@lake/schemas";
import { describe, expect, it, vi } from "vitest";
import { parseSilverConfig } from "../src/config.js";
import { referencedDatasets } from "../src/quality-scope.js";
import { createSilverStack, type SilverOutputs } from "../src/stack.js";
import { BRONZE_OUTPUTS } from "../src/upstream.js";
import {
  dataProtectionProblems,
  evaluateOnce,
  policyDocuments,
  resolve,
  stackHarness,
  wildcardGrants,
  type Evaluation,
} from "@lake/lake-components/testing";

/** The outputs gold reads from silver (apps/infra-gold/src/upstream.ts); renaming one breaks gold. */
const REQUIRED_DOWNSTREAM = [
  "kmsKeyArn",
  "accessLogBucketName",
  "silverBucketName",
  "silverBucketArn",
  "silverDatabaseName",
  "silverDatabaseArn",
];

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/bronze-key";
function bronzeOutputs(stack: string): Record<string, unknown> {
  return {
    kmsKeyArn: KEY,
    accessLogBucketName: `lake-${stack}-access-logs`,
    bronzeBucketName: `lake-${stack}-bronze`,
    bronzeBucketArn: `arn:aws:s3:::lake-${stack}-bronze`,
    bronzeDatabaseName: "bronze",
  };
}
const upstream = (stack: string, outputs = bronzeOutputs(stack)) => ({
  [`organization/infra-bronze/${stack}`]: outputs,
});

// A small package keeps the tests independent of the Python sources; the real one is covered by zip.test.ts.
const jobPackage = buildJobPackage([{ path: "lake_jobs/__init__.py", content: Buffer.from("") }]);

const harness = stackHarness(new URL("..", import.meta.url));
const evaluations = new Map<string, Evaluation<SilverOutputs>>();

/** One evaluation per stack, shared by the tests that only read it (tests run one after another). */
function evaluate(stack: "dev" | "prod"): Promise<Evaluation<SilverOutputs>> {
  return evaluateOnce(evaluations, stack, () =>
    harness.evaluate(
      stack,
      () =>
        createSilverStack(parseSilverConfig(harness.stackFileConfig(stack), stack), registry, { jobPackage }),
      { upstream: upstream(stack) },
    ),
  );
}

const sources = registry
  .withSource()
  .map((c) => c.name)
  .sort();

describe.each(["dev", "prod"] as const)("silver stack (%s)", (stack) => {
  it("creates a table per silver contract, system tables included", async () => {
    const { resolved, resources } = await evaluate(stack);
    const silver = registry
      .byLayer("silver")
      .map((c) => c.name)
      .sort();
    expect(silver).toEqual(expect.arrayContaining(["quarantine", "quality_results"]));
    expect([...(resolved.tableNames as string[])].sort()).toEqual(silver);
    const tables = resources.filter((r) => r.type === "aws:glue/catalogTable:CatalogTable");
    expect(tables.map((t) => t.inputs["databaseName"])).toEqual(tables.map(() => "silver"));
  });

  it("gives every source a bronze -> silver job, a quality job and a ruleset", async () => {
    const { resolved } = await evaluate(stack);
    for (const key of ["bronzeToSilverJobs", "qualityJobs", "rulesetNames"] as const) {
      expect(Object.keys(resolved[key] as object).sort(), key).toEqual(sources);
    }
  });

  it("runs the jobs on Glue 5.0 with the shared package on --extra-py-files and the stack's environment", async () => {
    const { resolved, resources } = await evaluate(stack);
    const jobs = resources.filter((r) => r.type === "aws:glue/job:Job");
    expect(jobs).toHaveLength(2 * sources.length);
    for (const job of jobs) {
      const args = job.inputs["defaultArguments"] as Record<string, string>;
      expect(job.inputs["glueVersion"]).toBe("5.0");
      expect(args["--extra-py-files"]).toBe(resolved.jobPackageUri);
      expect(args["--env"]).toBe(stack);
    }
  });

  it("uploads the job package once under its content hash", async () => {
    const { resolved, resources } = await evaluate(stack);
    const upload = resources.filter((r) => r.name === `lake-${stack}-silver-job-package`);
    expect(upload).toHaveLength(1);
    expect(upload[0]?.inputs["contentBase64"]).toBe(jobPackage.zip.toString("base64"));
    expect(resolved.jobPackageUri).toBe(
      `s3://lake-${stack}-silver-123456789012-eu-west-1/artifacts/packages/lake_jobs-${jobPackage.sha256.slice(0, 16)}.zip`,
    );
    const packages = resources.filter(
      (r) =>
        r.type === "aws:s3/bucketObjectv2:BucketObjectv2" && String(r.inputs["key"]).includes("lake_jobs"),
    );
    expect(packages.map((r) => r.name)).toEqual([`lake-${stack}-silver-job-package`]);
  });

  it("lets every job's role read that one package object", async () => {
    const { resources } = await evaluate(stack);
    const packageArn = `arn:aws:s3:::lake-${stack}-silver-123456789012-eu-west-1/artifacts/packages/lake_jobs-${jobPackage.sha256.slice(0, 16)}.zip`;
    const jobPolicies = resources.filter(
      (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && /-(b2s|quality)-/.test(r.name),
    );
    expect(jobPolicies).toHaveLength(2 * sources.length);
    for (const policy of jobPolicies) {
      const doc = JSON.parse(String(policy.inputs["policy"])) as {
        Statement: { Sid: string; Resource: string[] }[];
      };
      expect(doc.Statement.find((st) => st.Sid === "ReadObject0")?.Resource, policy.name).toEqual([
        packageArn,
      ]);
    }
  });

  it("lets a quality job read its dataset and write only that dataset's quality results", async () => {
    const { resources } = await evaluate(stack);
    const role = resources.find(
      (r) =>
        r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.startsWith(`lake-${stack}-quality-transactions`),
    );
    const doc = JSON.parse(String(role?.inputs["policy"])) as {
      Statement: { Action: string[]; Resource: string[] }[];
    };
    const bucket = `arn:aws:s3:::lake-${stack}-silver-123456789012-eu-west-1`;
    const writes = doc.Statement.filter((s) => s.Action.includes("s3:PutObject")).flatMap((s) => s.Resource);
    expect(writes).toContain(`${bucket}/quality_results/dataset=transactions/*`);
    expect(
      writes.filter(
        (r) => r.startsWith(`${bucket}/`) && !r.includes("/artifacts/") && !r.includes("/reports/"),
      ),
    ).toEqual([`${bucket}/quality_results/dataset=transactions/*`]);
    const reads = doc.Statement.filter(
      (s) => s.Action.includes("s3:GetObject") && !s.Action.includes("s3:PutObject"),
    ).flatMap((s) => s.Resource);
    expect(reads).toEqual(expect.arrayContaining([`${bucket}/transactions/*`, `${bucket}/customers/*`]));
  });

  it("grants no wildcard action on a wildcard resource in any policy", async () => {
    const { resources } = await evaluate(stack);
    expect(policyDocuments(resources).length).toBeGreaterThan(sources.length * 2);
    expect(wildcardGrants(resources)).toEqual([]);
  });
});

describe("data protection", () => {
  it("protects only data in prod: jobs, roles and other replaceable resources stay deletable", async () => {
    const { resources } = await evaluate("prod");
    expect(
      dataProtectionProblems(resources, [
        "aws:glue/job:Job",
        "aws:iam/role:Role",
        "aws:s3/bucketObjectv2:BucketObjectv2",
        "aws:glue/dataQualityRuleset:DataQualityRuleset",
      ]),
    ).toEqual([]);
  });

  it("protects and retains the silver bucket in prod, and leaves dev destroyable", async () => {
    const prod = (await evaluate("prod")).resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
    expect(prod.map((r) => [r.protect, r.retainOnDelete, r.inputs["forceDestroy"]])).toEqual([
      [true, true, false],
    ]);
    const dev = (await evaluate("dev")).resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
    expect(dev.map((r) => [r.protect, r.retainOnDelete, r.inputs["forceDestroy"]])).toEqual([
      [false, false, true],
    ]);
  });
});

describe("referencedDatasets", () => {
  it.each([
    ["transactions", ["customers"]],
    ["customers", []],
  ])("lists what %s's references rules read", (name, expected) => {
    expect(referencedDatasets(registry.get(name))).toEqual(expected);
  });
});

describe("program (src/index.ts)", () => {
  async function runProgram(stack: string, bronze: Record<string, unknown>) {
    await harness.startStack(stack, { upstream: upstream(stack, bronze) });
    harness.setProgramConfig(stack);
    vi.resetModules();
    return (await import("../src/index.js")) as Record<string, unknown>;
  }

  it.each(["dev", "prod"])("exports what gold requires with the %s config", async (stack) => {
    const program = await runProgram(stack, bronzeOutputs(stack));
    for (const name of REQUIRED_DOWNSTREAM) {
      expect(pulumi.Output.isInstance(program[name]), name).toBe(true);
      expect(await resolve(program[name] as pulumi.Output<string>), name).toMatch(
        /^(arn:aws:|s3:\/\/|lake-|silver$)/,
      );
    }
    await harness.finishStack();
  });

  it("reads exactly the bronze outputs it declares, and fails naming one that bronze lacks", async () => {
    expect(Object.keys(bronzeOutputs("dev")).sort()).toEqual([...BRONZE_OUTPUTS].sort());
    const { bronzeDatabaseName, ...withoutDatabase } = bronzeOutputs("dev");
    void bronzeDatabaseName;
    const program = await runProgram("dev", withoutDatabase);
    await expect(resolve(program["silverBucketName"] as pulumi.Output<string>)).resolves.toContain(
      "lake-dev-silver",
    );
    const failures: unknown[] = [];
    const onRejection = (e: unknown) => failures.push(e);
    process.on("unhandledRejection", onRejection);
    await harness.finishStack().catch((e: unknown) => failures.push(e));
    await new Promise((r) => setTimeout(r, 50));
    process.off("unhandledRejection", onRejection);
    expect(String(failures)).toMatch(/bronzeDatabaseName/);
  });
});
