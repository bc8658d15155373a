import {
  buildJobPackage,
  physicalNameProblems,
  policyDocumentsIn,
  wildcardGrantsIn,
} from "@lake/lake-components";
import {
  evaluateOnce,
  registrations,
  resolve,
  stackHarness,
  type Evaluation,
  type Registration,
} from "@lake/pulumi-mocks";
import {
  athenaNamedQueries,
  createRegistry,
  defineDataset,
  registry,
  type DatasetRegistry,
} from "@lake/schemas";
import { z } from "zod";
import {
  dataProtectionProblems,
  exportMismatches,
  goldStack,
  TEST_KMS_KEY_ARN,
  testUpstreamOutputs,
  withLongestDatasetName,
  type GoldStackOutputs,
  type StackExports,
} from "@lake/stacks";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it, vi } from "vitest";
import { goldConfig, type GoldConfig } from "../src/config.js";
import { createGoldStack } from "../src/stack.js";

const jobPackage = buildJobPackage([{ path: "lake_jobs/__init__.py", content: Buffer.from("") }]);

const harness = stackHarness(new URL("..", import.meta.url));
type Gold = Evaluation<StackExports<GoldStackOutputs>>;
const evaluations = new Map<string, Gold>();

/** One evaluation per configuration, shared by the tests that only read it (tests run one after another). */
function evaluate(
  stack: "dev" | "prod",
  override: Partial<GoldConfig> = {},
  datasets: DatasetRegistry = registry,
): Promise<Gold> {
  return evaluateOnce(evaluations, `${stack}${JSON.stringify(override)}${datasets.all().length}`, () =>
    harness.evaluate(
      stack,
      () => createGoldStack({ ...goldConfig.load(), ...override }, datasets, { jobPackage }),
      { upstream: testUpstreamOutputs(stack) },
    ),
  );
}

const ofType = (resources: readonly Registration[], type: string) => resources.filter((r) => r.type === type);
type Statement = { Sid: string; Action: string[]; Resource: string[] };

describe.each(["dev", "prod"] as const)("gold stack (%s)", (stack) => {
  it("creates customer_360 as an Iceberg table in the gold database", async () => {
    const { resolved, resources } = await evaluate(stack);
    expect(resolved.tables).toEqual({ customer_360: "iceberg" });
    const [table] = ofType(resources, "aws:glue/catalogTable:CatalogTable");
    expect(table?.inputs["name"]).toBe("customer_360");
    expect(table?.inputs["databaseName"]).toBe("gold");
    expect(table?.inputs["openTableFormatInput"]).toBeDefined();
  });

  it("lets the silver -> gold job read exactly the silver datasets customer_360 is derived from", async () => {
    const { resolved, resources } = await evaluate(stack);
    expect(Object.keys(resolved.silverToGoldJobs as object)).toEqual(["customer_360"]);
    const roles = ofType(resources, "aws:iam/role:Role").map((r) => r.state["arn"]);
    expect(roles).toContain((resolved.silverToGoldJobRoles as Record<string, string>)["customer_360"]);
    const derivedFrom = registry.get("customer_360").derivedFrom;
    const policy = ofType(resources, "aws:iam/rolePolicy:RolePolicy").find((r) =>
      r.name.startsWith(`lake-${stack}-s2g-customer_360`),
    );
    const statements = (JSON.parse(String(policy?.inputs["policy"])) as { Statement: Statement[] }).Statement;
    const silver = `arn:aws:s3:::lake-${stack}-silver`;
    const objectReads = statements
      .filter((st) => st.Action.includes("s3:GetObject") && !st.Action.includes("s3:PutObject"))
      .flatMap((st) => st.Resource)
      .filter((r) => r.startsWith(`${silver}/`));
    expect(objectReads).toEqual(derivedFrom.map((name) => `${silver}/${name}/*`));
    const silverTables = statements
      .filter((st) => st.Sid.startsWith("CatalogRead"))
      .flatMap((st) => st.Resource)
      .filter((r) => r.includes(":table/silver/"));
    expect(silverTables).toEqual(
      derivedFrom.map((name) => `arn:aws:glue:eu-west-1:123456789012:table/silver/${name}`),
    );
  });

  it("gives the job the contracts of the datasets it is derived from (--contracts)", async () => {
    const { resources } = await evaluate(stack);
    const prefix = `lake-${stack}-s2g-customer_360-contract-`;
    const contracts = ofType(resources, "aws:s3/bucketObjectv2:BucketObjectv2").filter((r) =>
      r.name.startsWith(prefix),
    );
    expect(contracts.map((r) => r.name.slice(prefix.length)).sort()).toEqual(
      ["customer_360", ...registry.get("customer_360").derivedFrom].sort(),
    );
    const [job] = ofType(resources, "aws:glue/job:Job");
    const folder = (job?.inputs["defaultArguments"] as Record<string, string>)["--contracts"];
    const bucket = `s3://lake-${stack}-gold-123456789012-eu-west-1/`;
    for (const c of contracts)
      expect(`${bucket}${String(c.inputs["key"])}`.startsWith(String(folder))).toBe(true);
  });

  it("uploads the job package once into the gold bucket and runs the job from it", async () => {
    const { resources } = await evaluate(stack);
    const key = `artifacts/packages/lake_jobs-${jobPackage.sha256.slice(0, 16)}.zip`;
    const packages = ofType(resources, "aws:s3/bucketObjectv2:BucketObjectv2").filter((r) =>
      String(r.inputs["key"]).includes("lake_jobs"),
    );
    expect(packages.map((r) => [r.name, r.inputs["key"]])).toEqual([[`lake-${stack}-gold-job-package`, key]]);
    const [job] = ofType(resources, "aws:glue/job:Job");
    const bucket = `lake-${stack}-gold-123456789012-eu-west-1`;
    expect((job?.inputs["defaultArguments"] as Record<string, string>)["--extra-py-files"]).toBe(
      `s3://${bucket}/${key}`,
    );
  });

  it("enforces each workgroup's configuration, SSE-KMS results with the lake key and its scan cutoff", async () => {
    const { resources } = await evaluate(stack);
    const expected = goldConfig.parseConfig(harness.config(stack), stack).athenaWorkgroups;
    const workgroups = ofType(resources, "aws:athena/workgroup:Workgroup");
    expect(workgroups.map((w) => w.inputs["name"])).toEqual(expected.map((w) => `lake-${stack}-${w.name}`));
    workgroups.forEach((w, i) => {
      const c = w.inputs["configuration"] as Record<string, unknown>;
      expect(c["enforceWorkgroupConfiguration"]).toBe(true);
      expect(c["bytesScannedCutoffPerQuery"]).toBe(expected[i]?.bytesScannedCutoffPerQuery);
      expect(c["resultConfiguration"]).toMatchObject({
        outputLocation: `s3://lake-${stack}-athena-results-123456789012-eu-west-1/athena-results/${expected[i]?.name}/`,
        encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: TEST_KMS_KEY_ARN },
      });
    });
  });

  it("saves the seed's queries in every workgroup", async () => {
    const { resources } = await evaluate(stack);
    const named = ofType(resources, "aws:athena/namedQuery:NamedQuery");
    const prepared = ofType(resources, "aws:athena/preparedStatement:PreparedStatement");
    expect(named.map((q) => q.inputs["name"]).sort()).toEqual([
      "customer_summary_latest",
      "customer_summary_latest",
      "top_segments_latest",
      "top_segments_latest",
    ]);
    expect(prepared.map((q) => q.inputs["name"])).toEqual(["top_segments_on", "top_segments_on"]);
    expect(named.every((q) => q.inputs["database"] === "gold")).toBe(true);
    // The SQL is the one the local demo runs (libs/schemas gold-queries), over the gold table by its Glue name.
    const expected = athenaNamedQueries("gold").map((q) => q.sql);
    expect([...new Set(named.map((q) => q.inputs["query"]))].sort()).toEqual([...expected].sort());
  });

  it("grants no wildcard action on a wildcard resource in any policy", async () => {
    const { resources } = await evaluate(stack);
    expect(resources.flatMap((r) => policyDocumentsIn(r.inputs)).length).toBeGreaterThan(3);
    expect(wildcardGrantsIn(resources)).toEqual([]);
  });

  it("gives every resource a name its service accepts, even beside the longest dataset name", async () => {
    const { resources } = await evaluate(stack, {}, withLongestDatasetName(registry));
    expect(physicalNameProblems(resources)).toEqual([]);
    expect(ofType(resources, "aws:glue/catalogTable:CatalogTable")).toHaveLength(1);
  });
});

describe("Redshift Spectrum", () => {
  it("is off in dev: no role, a null output", async () => {
    const { resolved, resources } = await evaluate("dev");
    expect(resolved.spectrum).toBeNull();
    expect(resources.some((r) => r.name.includes("spectrum"))).toBe(false);
  });

  it("gives prod a read-only role and the CREATE EXTERNAL SCHEMA statement for an operator", async () => {
    const { resolved, resources } = await evaluate("prod");
    const spectrum = resolved.spectrum as {
      roleArn: string;
      createExternalSchemaSql: string;
      appliedBy: string;
    };
    expect(spectrum.appliedBy).toBe("operator");
    expect(spectrum.createExternalSchemaSql).toBe(
      `CREATE EXTERNAL SCHEMA IF NOT EXISTS gold\nFROM DATA CATALOG DATABASE 'gold'\nIAM_ROLE '${spectrum.roleArn}'\nREGION 'eu-west-1';`,
    );
    const role = resources.find((r) => r.type === "aws:iam/role:Role" && r.name.includes("spectrum"));
    expect(String(role?.inputs["assumeRolePolicy"])).toContain("redshift.amazonaws.com");
    expect(ofType(resources, "aws:redshiftdata/statement:Statement")).toHaveLength(0);
  });

  it("runs the statement through the Redshift Data API when a serverless workgroup is configured", async () => {
    const settings = { enabled: true, schemaName: "gold", database: "analytics", workgroupName: "lake-prod" };
    const { resolved, resources } = await evaluate("prod", { spectrum: settings });
    const [statement] = ofType(resources, "aws:redshiftdata/statement:Statement");
    expect(statement?.inputs).toMatchObject({ workgroupName: "lake-prod", database: "analytics" });
    expect(statement?.inputs["sql"]).toBe(
      (resolved.spectrum as { createExternalSchemaSql: string }).createExternalSchemaSql,
    );
  });
});

describe("data protection", () => {
  it("protects only data in prod: jobs, roles and other replaceable resources stay deletable", async () => {
    const { resources } = await evaluate("prod");
    expect(
      dataProtectionProblems(resources, [
        "aws:glue/job:Job",
        "aws:iam/role:Role",
        "aws:athena/workgroup:Workgroup",
        "aws:s3/bucketObjectv2:BucketObjectv2",
      ]),
    ).toEqual([]);
  });

  it("protects and retains the gold and results buckets in prod, and leaves dev destroyable", async () => {
    const prod = ofType((await evaluate("prod")).resources, "aws:s3/bucket:Bucket");
    expect(prod.map((r) => [r.protect, r.retainOnDelete, r.inputs["forceDestroy"]])).toEqual([
      [true, true, false],
      [true, true, false],
    ]);
    const dev = ofType((await evaluate("dev")).resources, "aws:s3/bucket:Bucket");
    expect(dev.every((r) => !r.protect && !r.retainOnDelete && r.inputs["forceDestroy"] === true)).toBe(true);
  });
});

describe("gold builders", () => {
  it("refuses a gold contract the job package has no builder for, before creating anything", async () => {
    const orders = defineDataset({
      name: "order_trends",
      layer: "gold",
      domain: "analytics",
      description: "Orders per day.",
      owner: "analytics-data@example.com",
      derivedFrom: ["transactions"],
      primaryKey: ["day"],
      columns: z.object({ day: z.iso.date().meta({ description: "The day." }) }),
    });
    const withOrders = createRegistry([...registry.all(), orders]);
    await harness.start("dev", { upstream: testUpstreamOutputs("dev") });
    expect(() => createGoldStack(goldConfig.load(), withOrders, { jobPackage })).toThrow(
      "infra-gold: gold dataset order_trends has no builder: add libs/spark-jobs/src/lake_jobs/silver_to_gold/builders/order_trends.py (builders today: customer_360)",
    );
    await harness.finish();
    expect(registrations).toEqual([]);
  });
});

describe("program (src/index.ts)", () => {
  it.each(["dev", "prod"])("exports exactly its contract with the %s config", async (stack) => {
    await harness.start(stack, { upstream: testUpstreamOutputs(stack) });
    vi.resetModules();
    const program = (await import("../src/index.js")) as Record<string, unknown>;
    expect(exportMismatches(goldStack, program)).toEqual([]);
    const jobs = await resolve(program["silverToGoldJobs"] as pulumi.Output<Record<string, string>>);
    expect(Object.keys(jobs)).toEqual(["customer_360"]);
    expect(jobs["customer_360"]).toMatch(new RegExp(`^lake-${stack}-s2g-customer_360-job`));
    await harness.finish();
  });
});
