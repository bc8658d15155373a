import {
  buildJobPackage,
  physicalNameProblems,
  policyDocumentsIn,
  wildcardGrantsIn,
} from "@lake/lake-components";
import { evaluateOnce, resolve, stackHarness, type Evaluation } from "@lake/pulumi-mocks";
import { registry, type DatasetRegistry } from "@lake/schemas";
import {
  dataProtectionProblems,
  exportMismatches,
  silverStack,
  withLongestDatasetName,
  type BronzeStackOutputs,
  type SilverStackOutputs,
  type StackExports,
} from "@lake/stacks";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it, vi } from "vitest";
import { silverConfig } from "../src/config.js";
import { createSilverStack } from "../src/stack.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/bronze-key";
/** What bronze exports, typed by its contract: a renamed or missing output is a compile error here. */
function bronzeOutputs(stack: string): BronzeStackOutputs {
  return {
    kmsKeyArn: KEY,
    accessLogBucketName: `lake-${stack}-access-logs`,
    bronzeBucketName: `lake-${stack}-bronze`,
    bronzeBucketArn: `arn:aws:s3:::lake-${stack}-bronze`,
    bronzeDatabaseName: "bronze",
    crawlerNames: {},
  };
}
const upstream = (stack: string, outputs: Partial<BronzeStackOutputs> = bronzeOutputs(stack)) => ({
  [`organization/infra-bronze/${stack}`]: outputs,
});

// A small package keeps the tests independent of the Python sources; the real one is covered by zip.test.ts.
const jobPackage = buildJobPackage([{ path: "lake_jobs/__init__.py", content: Buffer.from("") }]);

const harness = stackHarness(new URL("..", import.meta.url));
type Silver = Evaluation<StackExports<SilverStackOutputs>>;
const evaluations = new Map<string, Silver>();

/** One evaluation per stack and registry, shared by the tests that only read it (tests run one after another). */
function evaluate(stack: "dev" | "prod", datasets: DatasetRegistry = registry): Promise<Silver> {
  return evaluateOnce(evaluations, `${stack}:${datasets.all().length}`, () =>
    harness.evaluate(stack, () => createSilverStack(silverConfig.load(), datasets, { jobPackage }), {
      upstream: upstream(stack),
    }),
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
    for (const key of [
      "bronzeToSilverJobs",
      "qualityJobs",
      "rulesetNames",
      "bronzeToSilverJobRoles",
      "qualityJobRoles",
      "dataQualityRoles",
    ] as const) {
      expect(Object.keys(resolved[key] as object).sort(), key).toEqual(sources);
    }
  });

  it("exports each job's own role, the principal its Lake Formation grants name", async () => {
    const { resolved, resources } = await evaluate(stack);
    const roleArns = resources.filter((r) => r.type === "aws:iam/role:Role").map((r) => r.state["arn"]);
    const exported = [
      ...Object.values(resolved.bronzeToSilverJobRoles as Record<string, string>),
      ...Object.values(resolved.qualityJobRoles as Record<string, string>),
    ];
    expect(new Set(exported).size).toBe(2 * sources.length);
    for (const arn of exported) expect(roleArns).toContain(arn);
  });

  it("runs the jobs on Glue 5.0 with the shared package on --extra-py-files and the stack's environment", async () => {
    const { resolved, resources } = await evaluate(stack);
    const jobs = resources.filter((r) => r.type === "aws:glue/job:Job");
    expect(jobs).toHaveLength(2 * sources.length);
    for (const job of jobs) {
      const args = job.inputs["defaultArguments"] as Record<string, string>;
      expect(job.inputs).toMatchObject({
        glueVersion: "5.0",
        workerType: "G.1X",
        numberOfWorkers: stack === "prod" ? 10 : 2,
      });
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

  it("gives each ruleset's evaluation run a role of its own: Glue in this account may assume it, it reads the table and those its references rules name, and publishes only to its ruleset", async () => {
    const { resolved, resources } = await evaluate(stack);
    const roleArns = Object.values(resolved.dataQualityRoles as Record<string, string>);
    expect(new Set(roleArns).size).toBe(sources.length);
    const prefix = `lake-${stack}-dq-support_tickets-eval`;
    const role = resources.find((r) => r.type === "aws:iam/role:Role" && r.name.startsWith(prefix));
    expect(roleArns).toContain(role?.state["arn"]);
    const trust = JSON.parse(String(role?.inputs["assumeRolePolicy"])) as {
      Statement: { Principal: { Service: string }; Condition: unknown }[];
    };
    expect(trust.Statement[0]?.Principal.Service).toBe("glue.amazonaws.com");
    expect(JSON.stringify(trust.Statement[0]?.Condition)).toContain("123456789012");
    const policy = resources.find(
      (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.startsWith(prefix),
    );
    const statements = (
      JSON.parse(String(policy?.inputs["policy"])) as {
        Statement: { Sid: string; Action: string[]; Resource: string[]; Condition?: unknown }[];
      }
    ).Statement;
    const bySid = Object.fromEntries(statements.map((st) => [st.Sid, st]));
    const ruleset = resources.find(
      (r) =>
        r.type === "aws:glue/dataQualityRuleset:DataQualityRuleset" &&
        r.name.startsWith(`lake-${stack}-dq-support_tickets`),
    );
    expect(bySid["PublishResults"]).toMatchObject({
      Action: ["glue:GetDataQualityRuleset", "glue:PublishDataQuality"],
      Resource: [ruleset?.state["arn"]],
    });
    const bucket = `arn:aws:s3:::lake-${stack}-silver-123456789012-eu-west-1`;
    expect(bySid["ReadTablesObjects"]?.Resource.sort()).toEqual([
      `${bucket}/customers/*`,
      `${bucket}/support_tickets/*`,
    ]);
    expect(bySid["CatalogRead"]?.Resource).toEqual([
      "arn:aws:glue:eu-west-1:123456789012:catalog",
      "arn:aws:glue:eu-west-1:123456789012:database/silver",
      "arn:aws:glue:eu-west-1:123456789012:table/silver/support_tickets",
      "arn:aws:glue:eu-west-1:123456789012:table/silver/customers",
    ]);
    // Read only: nothing of the role writes S3 or the catalog.
    const actions = statements.flatMap((st) => st.Action);
    expect(actions.filter((a) => /^s3:(Put|Delete)|^glue:(Create|Update|Delete)/.test(a))).toEqual([]);
    expect(bySid["LakeFormationDataAccess"]).toMatchObject({
      Action: ["lakeformation:GetDataAccess"],
      Resource: ["*"],
    });
  });

  it("describes each job as what it does", async () => {
    const { resources } = await evaluate(stack);
    const description = (prefix: string) =>
      resources.find((r) => r.type === "aws:glue/job:Job" && r.name.startsWith(prefix))?.inputs[
        "description"
      ];
    expect(description(`lake-${stack}-b2s-customers`)).toBe("bronze -> silver for silver.customers");
    expect(description(`lake-${stack}-quality-customers`)).toBe("quality checks of silver.customers");
  });

  it("grants no wildcard action on a wildcard resource in any policy", async () => {
    const { resources } = await evaluate(stack);
    expect(resources.flatMap((r) => policyDocumentsIn(r.inputs)).length).toBeGreaterThan(sources.length * 2);
    expect(wildcardGrantsIn(resources)).toEqual([]);
  });

  it("gives every resource a name its service accepts, even for the longest dataset name", async () => {
    const { resources } = await evaluate(stack, withLongestDatasetName(registry));
    expect(resources.filter((r) => r.type === "aws:glue/job:Job")).toHaveLength(2 * (sources.length + 1));
    expect(physicalNameProblems(resources)).toEqual([]);
  });
});

describe("the hash mask's key", () => {
  it("is a secret in dev that every bronze -> silver job names and may read, and no quality job", async () => {
    const { resources } = await evaluate("dev");
    const secrets = resources.filter((r) => r.type === "aws:secretsmanager/secret:Secret");
    expect(secrets).toHaveLength(1);
    const arn = String(secrets[0]?.state["arn"]);
    const jobs = resources.filter((r) => r.type === "aws:glue/job:Job");
    for (const job of jobs) {
      const args = job.inputs["defaultArguments"] as Record<string, string>;
      expect(args["--mask-key-secret-id"], job.name).toBe(job.name.includes("-b2s-") ? arn : undefined);
    }
    const b2sPolicies = resources.filter(
      (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.includes("-b2s-"),
    );
    for (const policy of b2sPolicies) expect(String(policy.inputs["policy"])).toContain(arn);
  });

  it("is not created in prod, where nothing is masked", async () => {
    const { resources } = await evaluate("prod");
    expect(resources.filter((r) => r.type.startsWith("aws:secretsmanager/"))).toEqual([]);
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

describe("program (src/index.ts)", () => {
  async function runProgram(stack: string, bronze: Partial<BronzeStackOutputs>) {
    await harness.start(stack, { upstream: upstream(stack, bronze) });
    vi.resetModules();
    return (await import("../src/index.js")) as Record<string, unknown>;
  }

  it.each(["dev", "prod"])("exports exactly its contract with the %s config", async (stack) => {
    const program = await runProgram(stack, bronzeOutputs(stack));
    expect(exportMismatches(silverStack, program)).toEqual([]);
    expect(await resolve(program["kmsKeyArn"] as pulumi.Output<string>)).toBe(KEY);
    await harness.finish();
  });

  it("fails naming the bronze output it needs and bronze lacks", async () => {
    const { bronzeBucketArn, ...withoutArn } = bronzeOutputs("dev");
    void bronzeBucketArn;
    const program = await runProgram("dev", withoutArn);
    await expect(resolve(program["silverBucketName"] as pulumi.Output<string>)).resolves.toContain(
      "lake-dev-silver",
    );
    await expect(harness.finish()).rejects.toThrow(/bronzeBucketArn/);
  });
});
