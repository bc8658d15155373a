import { describe, expect, it } from "vitest";
import { findWildcardGrants } from "../../src/iam/policy-document.js";
import { MwaaEnvironment, type MwaaEnvironmentArgs } from "../../src/orchestration/mwaa-environment.js";
import { policyOf, resource, resourcesOf, resolve, settled } from "../helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/airflow";
const BUCKET = { bucketName: "dag-bucket", bucketArn: "arn:aws:s3:::dag-bucket", kmsKeyArn: KEY };
const args = (overrides: Partial<MwaaEnvironmentArgs> = {}): MwaaEnvironmentArgs => ({
  environmentName: "lake-dev-airflow",
  network: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] },
  bucket: BUCKET,
  dagObjects: [
    { key: "dags/pipeline.py", content: "from airflow import DAG" },
    { key: "dags/pipeline.manifest.json", content: '{"tasks": []}', contentType: "application/json" },
  ],
  requirements: '--constraint "/usr/local/airflow/dags/c.txt"\n',
  kmsKeyArn: KEY,
  crawlerNames: ["crawl-customers"],
  jobNames: ["b2s-customers", "quality-customers"],
  ...overrides,
});

describe("MwaaEnvironment", async () => {
  const env = new MwaaEnvironment("orch", args());
  const [policy, version] = await Promise.all([
    resolve(env.executionPolicy),
    resolve(env.requirementsVersion),
  ]);
  await settled();
  const environment = resource("aws:mwaa/environment:Environment", "orch-environment");

  it("runs Airflow 3.0.6 privately, with the customer key, every log type and the given network", () => {
    expect(environment.inputs).toMatchObject({
      name: "lake-dev-airflow",
      airflowVersion: "3.0.6",
      environmentClass: "mw1.small",
      kmsKey: KEY,
      webserverAccessMode: "PRIVATE_ONLY",
      endpointManagement: "SERVICE",
      sourceBucketArn: "arn:aws:s3:::dag-bucket",
      dagS3Path: "dags",
      networkConfiguration: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] },
    });
    const logging = environment.inputs.loggingConfiguration as Record<string, unknown>;
    expect(Object.keys(logging).sort()).toEqual([
      "dagProcessingLogs",
      "schedulerLogs",
      "taskLogs",
      "webserverLogs",
      "workerLogs",
    ]);
    expect(Object.values(logging)).toEqual(Array(5).fill({ enabled: true, logLevel: "INFO" }));
  });

  it("installs the uploaded requirements.txt at the version that upload made", () => {
    const requirements = resource("aws:s3/bucketObjectv2:BucketObjectv2", "orch-requirements");
    expect(requirements.inputs).toMatchObject({
      bucket: "dag-bucket",
      key: "requirements.txt",
      checksumAlgorithm: "SHA256",
    });
    expect(environment.inputs).toMatchObject({
      requirementsS3Path: "requirements.txt",
      requirementsS3ObjectVersion: version,
    });
    expect(version).toMatch(/^[\w-]{32}$/);
  });

  it("uploads each DAG object under its key, with S3 checking its checksum", () => {
    const objects = resourcesOf("aws:s3/bucketObjectv2:BucketObjectv2", "orch-object-");
    expect(objects.map((o) => [o.inputs.key, o.inputs.contentType])).toEqual([
      ["dags/pipeline.py", "text/plain; charset=utf-8"],
      ["dags/pipeline.manifest.json", "application/json"],
    ]);
    expect(
      objects.every((o) => o.inputs.checksumAlgorithm === "SHA256" && o.inputs.bucket === "dag-bucket"),
    ).toBe(true);
  });

  it("gives the environment a role that MWAA alone assumes, with the least-privilege policy", () => {
    const trust = policyOf(resource("aws:iam/role:Role", "orch-execution-role"), "assumeRolePolicy");
    expect(trust.Statement[0]?.Principal).toEqual({
      Service: ["airflow.amazonaws.com", "airflow-env.amazonaws.com"],
    });
    const statements = policyOf(resource("aws:iam/rolePolicy:RolePolicy", "orch-execution-policy")).Statement;
    expect(statements.find((s) => s.Sid === "RunLakeJobs")?.Resource).toEqual([
      "arn:aws:glue:eu-west-1:123456789012:job/b2s-customers",
      "arn:aws:glue:eu-west-1:123456789012:job/quality-customers",
    ]);
    expect(findWildcardGrants(policy)).toEqual([]);
  });

  it.each([
    [{ environmentName: "1-bad" }, /environment name "1-bad" must start with a letter/],
    [{ settings: { schedulers: 9 } }, /schedulers must be a whole number from 2 to 5, got 9/],
    [
      { dagObjects: [{ key: "plugins/x.py", content: "" }] },
      /the DAG object plugins\/x\.py is not under the DAG folder dags\//,
    ],
    [{ dagObjects: [{ key: "dags/m.json", content: "{}" }] }, /no DAG file/],
  ])("refuses %j before creating anything", (overrides, message) => {
    expect(() => new MwaaEnvironment("bad", args(overrides))).toThrow(message);
  });
});
