import { contentHash, physicalNameProblems, wildcardGrantsIn } from "@lake/lake-components";
import { evaluateOnce, stackHarness, type Evaluation, type Registration } from "@lake/pulumi-mocks";
import { registry, type DatasetRegistry } from "@lake/schemas";
import {
  airflowStack,
  exportMismatches,
  withLongestDatasetName,
  type AirflowStackOutputs,
  type BronzeStackOutputs,
  type GoldStackOutputs,
  type SilverStackOutputs,
  type StackExports,
} from "@lake/stacks";
import { readdirSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { airflowConfig, type AirflowConfig } from "../src/config.js";
import { DAGS_SOURCE } from "../src/dag-folder.js";
import type { OrchestrationManifest } from "../src/manifest.js";
import { createAirflowStack } from "../src/stack.js";

const per = (datasets: readonly { name: string }[], kind: string, stack: string) =>
  Object.fromEntries(datasets.map((c) => [c.name, `lake-${stack}-${kind}-${c.name}`]));

/** The layer stacks' outputs, typed by their contracts (only what this stack reads is filled in). */
function upstream(stack: string, datasets: DatasetRegistry = registry) {
  const sources = datasets.withSource();
  const bronze: Partial<BronzeStackOutputs> = {
    accessLogBucketName: `lake-${stack}-access-logs`,
    crawlerNames: per(sources, "crawler", stack),
  };
  const silver: Partial<SilverStackOutputs> = {
    bronzeToSilverJobs: per(sources, "b2s", stack),
    qualityJobs: per(sources, "quality", stack),
    rulesetNames: per(sources, "dq", stack),
    dataQualityRoles: Object.fromEntries(
      sources.map((c) => [c.name, `arn:aws:iam::123456789012:role/lake-${stack}-dq-${c.name}-eval-role`]),
    ),
    silverDatabaseName: `lake_${stack}_silver`,
  };
  const gold: Partial<GoldStackOutputs> = { silverToGoldJobs: per(datasets.byLayer("gold"), "s2g", stack) };
  return {
    [`organization/infra-bronze/${stack}`]: bronze,
    [`organization/infra-silver/${stack}`]: silver,
    [`organization/infra-gold/${stack}`]: gold,
  };
}

const harness = stackHarness(new URL("..", import.meta.url));
type Airflow = Evaluation<StackExports<AirflowStackOutputs>>;
const evaluations = new Map<string, Airflow>();

function evaluate(
  stack: "dev" | "prod",
  override: Partial<AirflowConfig> = {},
  datasets: DatasetRegistry = registry,
): Promise<Airflow> {
  return evaluateOnce(evaluations, `${stack}${JSON.stringify(override)}${datasets.all().length}`, () =>
    harness.evaluate(stack, () => createAirflowStack({ ...airflowConfig.load(), ...override }, datasets), {
      upstream: upstream(stack, datasets),
    }),
  );
}

const ofType = (resources: readonly Registration[], type: string) => resources.filter((r) => r.type === type);
const one = (resources: readonly Registration[], type: string) => {
  const [found, ...more] = ofType(resources, type);
  expect(more).toEqual([]);
  return found as Registration;
};
const objectByKey = (resources: readonly Registration[], key: string) =>
  ofType(resources, "aws:s3/bucketObjectv2:BucketObjectv2").find((r) => r.inputs["key"] === key);

describe.each(["dev", "prod"] as const)("airflow-dags stack (%s)", (stack) => {
  it("runs Airflow 3.0.6 privately in two private subnets with the stack's key and every log", async () => {
    const { resources, resolved } = await evaluate(stack);
    const environment = one(resources, "aws:mwaa/environment:Environment");
    const key = one(resources, "aws:kms/key:Key");
    expect(environment.inputs).toMatchObject({
      name: `lake-${stack}-airflow`,
      airflowVersion: "3.0.6",
      environmentClass: stack === "dev" ? "mw1.small" : "mw1.medium",
      minWorkers: stack === "dev" ? 1 : 2,
      webserverAccessMode: "PRIVATE_ONLY",
      kmsKey: key.state["arn"],
      dagS3Path: "dags",
      requirementsS3Path: "requirements.txt",
      networkConfiguration: { subnetIds: resolved.subnetIds, securityGroupIds: resolved.securityGroupIds },
    });
    const logging = Object.values(environment.inputs["loggingConfiguration"] as object);
    expect(logging).toEqual(Array(5).fill({ enabled: true, logLevel: "INFO" }));
    // The key lets CloudWatch Logs encrypt MWAA's log groups and the flow logs, nothing else.
    const policy = JSON.parse(String(key.inputs["policy"])) as { Statement: { Condition?: unknown }[] };
    expect(JSON.stringify(policy.Statement.map((s) => s.Condition))).toContain(
      `log-group:airflow-lake-${stack}-airflow-*`,
    );
  });

  it("builds the network from plain EC2 resources: no internet route, endpoints, flow logs", async () => {
    const { resources, resolved } = await evaluate(stack);
    expect(ofType(resources, "aws:ec2/subnet:Subnet")).toHaveLength(2);
    expect(
      resources.filter((r) => /internetGateway|natGateway|eip:Eip|ec2\/route:Route$/.test(r.type)),
    ).toEqual([]);
    const services = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => e.inputs["serviceName"]);
    expect(services).toEqual(
      expect.arrayContaining([
        "com.amazonaws.eu-west-1.s3",
        "com.amazonaws.eu-west-1.glue",
        "com.amazonaws.eu-west-1.airflow.env",
      ]),
    );
    expect(one(resources, "aws:ec2/flowLog:FlowLog").inputs["vpcId"]).toBe(resolved.vpcId);
  });

  it("uploads the DAG folder as it is in the repository, with the manifest and the constraints beside it", async () => {
    const { resources, resolved } = await evaluate(stack);
    const files = (readdirSync(DAGS_SOURCE, { recursive: true }) as string[])
      .filter((p) => !p.includes("__pycache__") && /\.(py|airflowignore)$|^\.airflowignore$/.test(p))
      .map((p) => `dags/${p}`);
    const keys = Object.keys(resolved.dagObjects as object);
    expect(keys).toEqual(expect.arrayContaining(files));
    expect(keys).toEqual(
      expect.arrayContaining(["dags/lake_pipeline.manifest.json", "dags/constraints-3.0.6-py3.12.txt"]),
    );
    // Each output hash is the hash of the object's content: a change rewrites exactly the objects that changed.
    for (const [key, hash] of Object.entries(resolved.dagObjects as Record<string, string>)) {
      expect(contentHash(String(objectByKey(resources, key)?.inputs["content"]))).toBe(hash);
    }
    const manifest = JSON.parse(
      String(objectByKey(resources, "dags/lake_pipeline.manifest.json")?.inputs["content"]),
    ) as unknown;
    expect(manifest).toEqual(resolved.manifest);
  });

  it("pins requirements.txt to MWAA's constraints with a path the private network reads, at its version", async () => {
    const { resources, resolved } = await evaluate(stack);
    const requirements = objectByKey(resources, "requirements.txt");
    expect(String(requirements?.inputs["content"]).split("\n").slice(1, 4)).toEqual([
      '--constraint "/usr/local/airflow/dags/constraints-3.0.6-py3.12.txt"',
      "apache-airflow-providers-amazon==9.12.0",
      "apache-airflow-providers-standard==1.6.0",
    ]);
    expect(one(resources, "aws:mwaa/environment:Environment").inputs["requirementsS3ObjectVersion"]).toBe(
      resolved.requirementsVersion,
    );
  });

  it("renders the manifest from the layer stacks' deployed names", async () => {
    const { resolved } = await evaluate(stack);
    const manifest = resolved.manifest as OrchestrationManifest;
    expect(manifest.schedule).toBe(harness.config(stack)["airflow-dags:schedule"]);
    expect(manifest.tasks.find((t) => t.taskId === "crawl_customers")).toMatchObject({
      crawlerName: `lake-${stack}-crawler-customers`,
    });
    expect(manifest.tasks.find((t) => t.taskId === "silver_to_gold_customer_360")).toMatchObject({
      jobName: `lake-${stack}-s2g-customer_360`,
    });
    expect(manifest.tasks.find((t) => t.taskId === "data_quality_customers")).toMatchObject({
      rulesetName: `lake-${stack}-dq-customers`,
      roleArn: `arn:aws:iam::123456789012:role/lake-${stack}-dq-customers-eval-role`,
      databaseName: `lake_${stack}_silver`,
      tableName: "customers",
    });
    // The stack file's maintenance schedule (weekly, Sunday 05:00 UTC, after the daily 02:00 pipeline).
    expect(manifest.maintenance.schedule).toBe("0 5 * * 0");
  });

  it("lets the execution role start exactly the lake's crawlers and jobs, with no wildcard grant", async () => {
    const { resources } = await evaluate(stack);
    const policy = ofType(resources, "aws:iam/rolePolicy:RolePolicy").find((r) =>
      r.name.includes("execution"),
    );
    const statements = (
      JSON.parse(String(policy?.inputs["policy"])) as { Statement: { Sid: string; Resource: string[] }[] }
    ).Statement;
    const arn = (kind: string, name: string) =>
      `arn:aws:glue:eu-west-1:123456789012:${kind}/lake-${stack}-${name}`;
    const sources = registry.withSource().map((c) => c.name);
    expect(statements.find((s) => s.Sid === "RunLakeCrawlers")?.Resource).toEqual(
      sources.map((d) => arn("crawler", `crawler-${d}`)).sort(),
    );
    expect(statements.find((s) => s.Sid === "RunLakeJobs")?.Resource).toEqual(
      [
        ...sources.flatMap((d) => [arn("job", `b2s-${d}`), arn("job", `quality-${d}`)]),
        arn("job", "s2g-customer_360"),
      ].sort(),
    );
    expect(wildcardGrantsIn(resources)).toEqual([]);
  });

  it("lets the execution role evaluate exactly the lake's rulesets and pass exactly their roles, to Glue only", async () => {
    const { resources } = await evaluate(stack);
    const policy = ofType(resources, "aws:iam/rolePolicy:RolePolicy").find((r) =>
      r.name.includes("execution"),
    );
    const statements = (
      JSON.parse(String(policy?.inputs["policy"])) as {
        Statement: { Sid: string; Action: string[]; Resource: string[]; Condition?: unknown }[];
      }
    ).Statement;
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    const sources = registry.withSource().map((c) => c.name);
    expect(bySid["EvaluateLakeRulesets"]?.Resource).toEqual(
      sources
        .map((d) => `arn:aws:glue:eu-west-1:123456789012:dataQualityRuleset/lake-${stack}-dq-${d}`)
        .sort(),
    );
    expect(bySid["EvaluateLakeRulesets"]?.Action).toContain("glue:StartDataQualityRulesetEvaluationRun");
    // An evaluation run has no ARN of its own: reading one is authorized on the account's rulesets.
    expect(bySid["WatchRulesetEvaluationRuns"]).toMatchObject({
      Action: ["glue:GetDataQualityRulesetEvaluationRun"],
      Resource: ["arn:aws:glue:eu-west-1:123456789012:dataQualityRuleset/*"],
    });
    expect(bySid["PassDataQualityRoles"]).toEqual({
      Sid: "PassDataQualityRoles",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: sources.map((d) => `arn:aws:iam::123456789012:role/lake-${stack}-dq-${d}-eval-role`).sort(),
      Condition: { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } },
    });
    // Only these grants name IAM: the role passes no other role.
    expect(statements.filter((s) => s.Action.some((a) => a.startsWith("iam:")))).toHaveLength(1);
  });

  it("gives every resource a name its service accepts, even beside the longest dataset name", async () => {
    const { resources } = await evaluate(stack, {}, withLongestDatasetName(registry));
    expect(physicalNameProblems(resources)).toEqual([]);
  });
});

describe("an existing VPC", () => {
  const network = {
    vpcId: "vpc-0abc",
    subnetIds: ["subnet-01", "subnet-02"] as [string, string],
    securityGroupIds: ["sg-01"],
  };

  it("places the environment in its subnets and creates no network", async () => {
    const { resources, resolved } = await evaluate("dev", { network });
    expect(resources.filter((r) => r.type.startsWith("aws:ec2/") || r.type.startsWith("aws:vpc/"))).toEqual(
      [],
    );
    expect(one(resources, "aws:mwaa/environment:Environment").inputs["networkConfiguration"]).toEqual({
      subnetIds: ["subnet-01", "subnet-02"],
      securityGroupIds: ["sg-01"],
    });
    expect([resolved.vpcId, resolved.subnetIds]).toEqual(["vpc-0abc", ["subnet-01", "subnet-02"]]);
  });
});

describe("program (src/index.ts)", () => {
  it.each(["dev", "prod"])("exports exactly its contract with the %s config", async (stack) => {
    await harness.start(stack, { upstream: upstream(stack) });
    vi.resetModules();
    const program = (await import("../src/index.js")) as Record<string, unknown>;
    expect(exportMismatches(airflowStack, program)).toEqual([]);
    await harness.finish();
  });
});
