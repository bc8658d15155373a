import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { SparkJob, type SparkJobArgs } from "../../src/compute/spark-job.js";
import { findWildcardGrants } from "../../src/iam/policy-document.js";
import { policyOf, resource, resourcesOf, settled, resolve } from "../helpers.js";

const key = (layer: string) => `arn:aws:kms:eu-west-1:123456789012:key/${layer}`;
const bucket = (layer: string) => ({
  bucketName: `lake-${layer}`,
  bucketArn: `arn:aws:s3:::lake-${layer}`,
  kmsKeyArn: key(layer),
});
const DB = (layer: string) => `arn:aws:glue:eu-west-1:123456789012:database/${layer}`;

// The package a stack uploads once (uploadJobPackage) and every job reads in place.
const PACKAGE = { bucket: bucket("silver"), key: "artifacts/packages/lake_jobs-0123456789abcdef.zip" };
const PACKAGE_URI = "s3://lake-silver/artifacts/packages/lake_jobs-0123456789abcdef.zip";

const bronzeToSilver = (overrides: Partial<SparkJobArgs> = {}): SparkJobArgs => ({
  kind: "bronze_to_silver",
  contract: registry.get("customers"),
  script: {
    content: "from lake_jobs.bronze_to_silver.cli import main\nmain()\n",
    fileName: "bronze_to_silver.py",
  },
  packageObject: PACKAGE,
  artifacts: { bucket: bucket("silver") },
  input: { bucket: bucket("bronze") },
  output: { bucket: bucket("silver") },
  quarantine: { bucket: bucket("silver"), prefix: "quarantine" },
  report: { bucket: bucket("silver"), prefix: "reports/bronze_to_silver" },
  env: "dev",
  catalog: { write: { databaseArn: DB("silver"), tables: ["customers", "quarantine"] } },
  ...overrides,
});

describe("SparkJob on Glue (bronze -> silver)", async () => {
  const job = new SparkJob("customers-b2s", bronzeToSilver());
  const [scriptUri, packageUri, contractUri, args, jobName] = await Promise.all([
    resolve(job.scriptUri),
    resolve(job.packageUri),
    resolve(job.contractUri),
    resolve(job.arguments),
    resolve(job.jobName),
  ]);
  await settled();
  const glueJob = resource("aws:glue/job:Job", "customers-b2s-job").inputs;
  const defaults = glueJob.defaultArguments as Record<string, string>;

  it("uploads script and contract under content-hashed keys, and runs the shared package", () => {
    expect(scriptUri).toMatch(
      /^s3:\/\/lake-silver\/artifacts\/customers-b2s\/scripts\/bronze_to_silver-[0-9a-f]{16}\.py$/,
    );
    expect(packageUri).toBe(PACKAGE_URI);
    expect(contractUri).toMatch(
      /^s3:\/\/lake-silver\/artifacts\/customers-b2s\/contracts\/[0-9a-f]{16}\/customers\/contract\.json$/,
    );
    const contract = resource(
      "aws:s3/bucketObjectv2:BucketObjectv2",
      "customers-b2s-contract-customers",
    ).inputs;
    expect((JSON.parse(String(contract.content)) as { name: string }).name).toBe("customers");
    expect(
      resource("aws:s3/bucketObjectv2:BucketObjectv2", "customers-b2s-script").inputs.contentBase64,
    ).toBeDefined();
  });

  it("is a Glue 5.0 Spark job running the uploaded script with the package on --extra-py-files", () => {
    expect(jobName).toMatch(/^customers-b2s-job/);
    expect(glueJob).toMatchObject({
      description: "bronze -> silver for silver.customers",
      glueVersion: "5.0",
      command: { name: "glueetl", scriptLocation: scriptUri, pythonVersion: "3" },
      workerType: "G.1X",
      numberOfWorkers: 2,
      executionClass: "STANDARD",
      timeout: 60,
      maxRetries: 1,
      executionProperty: { maxConcurrentRuns: 1 },
    });
    expect(defaults["--extra-py-files"]).toBe(packageUri);
    expect(defaults["--enable-auto-scaling"]).toBe("true");
    expect(defaults["--enable-continuous-cloudwatch-log"]).toBe("true");
    expect(defaults["--job-bookmark-option"]).toBe("job-bookmark-disable");
    expect(defaults["--TempDir"]).toBe("s3://lake-silver/artifacts/customers-b2s/tmp/");
    expect("--datalake-formats" in defaults).toBe(false);
  });

  it("points the job arguments at the uploaded contract and the layer roots", () => {
    expect(args).toEqual({
      "--contract": contractUri,
      "--input": "s3://lake-bronze/",
      "--output": "s3://lake-silver/",
      "--quarantine": "s3://lake-silver/quarantine/",
      "--report": "s3://lake-silver/reports/bronze_to_silver/",
      "--env": "dev",
    });
    for (const [k, v] of Object.entries(args)) expect(defaults[k]).toBe(v);
  });

  it("encrypts S3 data, logs and bookmarks with the output key", () => {
    const security = resource(
      "aws:glue/securityConfiguration:SecurityConfiguration",
      "customers-b2s-security",
    ).inputs;
    expect(security.encryptionConfiguration).toEqual({
      s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: key("silver") },
      cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: key("silver") },
      jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: key("silver") },
    });
    expect(glueJob.securityConfiguration).toMatch(/^customers-b2s-security/);
  });

  it("scopes the role to the source prefix, the table, quarantine and report folders, and the two databases", () => {
    const policy = policyOf(resource("aws:iam/rolePolicy:RolePolicy", "customers-b2s-job-policy"));
    const resources = (sid: string) => policy.Statement.find((s) => s.Sid === sid)?.Resource;
    expect(resources("Read1Objects")).toEqual(["arn:aws:s3:::lake-bronze/source=customers/*"]);
    expect(resources("Read0Objects")).toEqual(["arn:aws:s3:::lake-silver/artifacts/customers-b2s/*"]);
    expect(resources("Write0Objects")).toEqual(["arn:aws:s3:::lake-silver/customers/*"]);
    expect(resources("Write1Objects")).toEqual(["arn:aws:s3:::lake-silver/quarantine/*"]);
    expect(resources("Write2Objects")).toEqual(["arn:aws:s3:::lake-silver/reports/bronze_to_silver/*"]);
    expect(resources("CatalogWrite")).toEqual([
      "arn:aws:glue:eu-west-1:123456789012:catalog",
      DB("silver"),
      "arn:aws:glue:eu-west-1:123456789012:table/silver/customers",
      "arn:aws:glue:eu-west-1:123456789012:table/silver/quarantine",
    ]);
    expect(resources("DecryptInputs")).toContain(key("bronze"));
    expect(policy.Statement.find((s) => s.Sid === "Logs")?.Resource).toEqual([
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws-glue/*",
    ]);
    expect(findWildcardGrants(JSON.stringify(policy))).toEqual([]);
    const actions = policy.Statement.flatMap((s) => s.Action as string[]);
    expect(actions.filter((a) => a.endsWith(":*"))).toEqual([]);
  });
});

describe("SparkJob on Glue (silver -> gold, Iceberg)", async () => {
  const sources = ["customers", "transactions", "support_tickets", "web_events"].map((n) => registry.get(n));
  const job = new SparkJob("c360", {
    kind: "silver_to_gold",
    contract: registry.get("customer_360"),
    relatedContracts: sources,
    script: { content: "main()\n", fileName: "silver_to_gold.py" },
    packageObject: { bucket: bucket("gold"), key: "artifacts/packages/lake_jobs-0123456789abcdef.zip" },
    artifacts: { bucket: bucket("gold") },
    input: { bucket: bucket("silver") },
    output: { bucket: bucket("gold") },
    report: { bucket: bucket("gold"), prefix: "reports" },
    env: "prod",
    catalog: {
      write: { databaseArn: DB("gold") },
      read: [{ databaseArn: DB("silver"), tables: sources.map((s) => s.name) }],
    },
    glue: { workerType: "G.2X", numberOfWorkers: 10, executionClass: "FLEX", jobBookmarks: false },
  });
  const args = await resolve(job.arguments);
  await settled();
  const glueJob = resource("aws:glue/job:Job", "c360-job").inputs;
  const defaults = glueJob.defaultArguments as Record<string, string>;

  it("ships the source contracts beside its own and passes their folder", () => {
    expect(resourcesOf("aws:s3/bucketObjectv2:BucketObjectv2", "c360-contract-").length).toBe(5);
    expect(args["--contracts"]).toMatch(/^s3:\/\/lake-gold\/artifacts\/c360\/contracts\/[0-9a-f]{16}\/$/);
    expect(args["--contract"]).toBe(`${args["--contracts"]}customer_360/contract.json`);
    expect("--quarantine" in args).toBe(false);
  });

  it("turns on Iceberg with the jobs' Glue-backed catalog", () => {
    expect(defaults["--datalake-formats"]).toBe("iceberg");
    expect(defaults["--conf"]).toContain(
      "spark.sql.catalog.lake.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog",
    );
    expect(defaults["--conf"]).toContain("spark.sql.catalog.lake.warehouse=s3://lake-gold/");
  });

  it("runs Flex on the given workers, described as what it builds", () => {
    expect(glueJob).toMatchObject({
      workerType: "G.2X",
      numberOfWorkers: 10,
      executionClass: "FLEX",
      description: "silver -> gold for gold.customer_360",
    });
  });

  it("reads only the source tables' folders and catalog entries", () => {
    const policy = policyOf(resource("aws:iam/rolePolicy:RolePolicy", "c360-job-policy"));
    expect(policy.Statement.find((s) => s.Sid === "Read1Objects")?.Resource).toEqual(
      sources.map((s) => `arn:aws:s3:::lake-silver/${s.name}/*`),
    );
    const read = policy.Statement.find((s) => s.Sid === "CatalogRead1");
    expect(read?.Resource).toContain("arn:aws:glue:eu-west-1:123456789012:table/silver/web_events");
    expect(read?.Action).not.toContain("glue:UpdateTable");
  });
});

describe("SparkJob with explicit scopes (a quality run)", async () => {
  const job = new SparkJob(
    "customers-quality",
    bronzeToSilver({
      kind: "quality",
      relatedContracts: [registry.get("quality_results"), registry.get("transactions")],
      input: { bucket: bucket("silver"), scope: ["customers", "transactions"] },
      output: { bucket: bucket("silver"), prefix: "quality_results", scope: ["dataset=customers"] },
      quarantine: undefined,
      catalog: { write: { databaseArn: DB("silver"), tables: ["quality_results"] } },
    }),
  );
  const roleName = await resolve(job.roleName);
  await settled();

  it("grants exactly the scopes given instead of the derived ones", () => {
    const policy = policyOf(resource("aws:iam/rolePolicy:RolePolicy", "customers-quality-job-policy"));
    const resources = (sid: string) => policy.Statement.find((s) => s.Sid === sid)?.Resource;
    expect(resources("Read1Objects")).toEqual([
      "arn:aws:s3:::lake-silver/customers/*",
      "arn:aws:s3:::lake-silver/transactions/*",
    ]);
    expect(resources("Write0Objects")).toEqual([
      "arn:aws:s3:::lake-silver/quality_results/dataset=customers/*",
    ]);
    expect(roleName).toMatch(/^customers-quality-job-role/);
  });

  it("is described as the quality checks it runs, not as a bronze -> silver job", () => {
    expect(resource("aws:glue/job:Job", "customers-quality-job").inputs.description).toBe(
      "quality checks of silver.customers",
    );
  });
});

describe("SparkJob with a package the stack uploaded once", async () => {
  const shared = { bucket: bucket("silver"), key: "artifacts/packages/lake_jobs-0123456789abcdef.zip" };
  const jobs = ["customers-b2s-shared", "customers-quality-shared"].map(
    (name) => new SparkJob(name, bronzeToSilver({ packageObject: shared })),
  );
  const packageUris = await Promise.all(jobs.map((j) => resolve(j.packageUri)));
  await settled();

  it("puts the shared object on --extra-py-files of every job and uploads no copy", () => {
    expect(packageUris).toEqual(
      Array(2).fill("s3://lake-silver/artifacts/packages/lake_jobs-0123456789abcdef.zip"),
    );
    for (const name of ["customers-b2s-shared", "customers-quality-shared"]) {
      const defaults = resource("aws:glue/job:Job", `${name}-job`).inputs.defaultArguments as Record<
        string,
        string
      >;
      expect(defaults["--extra-py-files"]).toBe(packageUris[0]);
      expect(resourcesOf("aws:s3/bucketObjectv2:BucketObjectv2", name).map((o) => o.name)).not.toContain(
        `${name}-package`,
      );
      expect(resourcesOf("aws:s3/bucketObjectv2:BucketObjectv2", name).length).toBeGreaterThan(0);
    }
  });

  it("lets the role read exactly that object, and decrypt it with its bucket's key", () => {
    const policy = policyOf(resource("aws:iam/rolePolicy:RolePolicy", "customers-b2s-shared-job-policy"));
    const statement = policy.Statement.find((st) => st.Sid === "ReadObject0");
    expect(statement).toEqual({
      Sid: "ReadObject0",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: ["arn:aws:s3:::lake-silver/artifacts/packages/lake_jobs-0123456789abcdef.zip"],
    });
    const packageGrants = policy.Statement.flatMap((st) => st.Resource as string[]).filter((r) =>
      r.includes("packages"),
    );
    expect(packageGrants).toEqual([
      "arn:aws:s3:::lake-silver/artifacts/packages/lake_jobs-0123456789abcdef.zip",
    ]);
    expect(policy.Statement.find((st) => st.Sid === "DecryptInputs")?.Resource).toEqual([
      key("silver"),
      key("bronze"),
    ]);
  });

  it("adds the key of a package kept in another bucket", async () => {
    const elsewhere = { bucket: bucket("releases"), key: "lake_jobs/lake_jobs-0123456789abcdef.zip" };
    const job = new SparkJob("customers-b2s-release", bronzeToSilver({ packageObject: elsewhere }));
    await resolve(job.roleArn);
    await settled();
    const policy = policyOf(resource("aws:iam/rolePolicy:RolePolicy", "customers-b2s-release-job-policy"));
    expect(policy.Statement.find((st) => st.Sid === "DecryptInputs")?.Resource).toEqual([
      key("silver"),
      key("bronze"),
      key("releases"),
    ]);
    expect(policy.Statement.find((st) => st.Sid === "ReadObject0")?.Resource).toEqual([
      "arn:aws:s3:::lake-releases/lake_jobs/lake_jobs-0123456789abcdef.zip",
    ]);
  });
});

describe("SparkJob with a secret to read (the mask key)", async () => {
  const secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mask-key-AbCdEf";
  const job = new SparkJob(
    "customers-b2s-masked",
    bronzeToSilver({
      secrets: [{ secretArn, kmsKeyArn: key("secrets") }],
      extraArguments: { "--mask-key-secret-id": secretArn },
    }),
  );
  await resolve(job.roleArn);
  await settled();

  it("passes the secret's ARN, never its value, and lets the role read exactly that secret", () => {
    const defaults = resource("aws:glue/job:Job", "customers-b2s-masked-job").inputs
      .defaultArguments as Record<string, string>;
    expect(defaults["--mask-key-secret-id"]).toBe(secretArn);
    const policy = policyOf(resource("aws:iam/rolePolicy:RolePolicy", "customers-b2s-masked-job-policy"));
    expect(policy.Statement.find((st) => st.Sid === "ReadSecrets")).toEqual({
      Sid: "ReadSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: [secretArn],
    });
    expect(policy.Statement.find((st) => st.Sid === "DecryptInputs")?.Resource).toContain(key("secrets"));
  });
});

describe("SparkJob validation", () => {
  it.each<[string, Partial<SparkJobArgs>, RegExp]>([
    ["a missing script", { script: { path: "/nope/main.py" } }, /script: cannot read "\/nope\/main.py"/],
    [
      "an uploaded package that is no zip",
      { packageObject: { bucket: bucket("silver"), key: "p/lake_jobs.whl" } },
      /packageObject\.key "p\/lake_jobs\.whl" must be a \.zip/,
    ],
    ["an unknown kind", { kind: "gold_to_platinum" as SparkJobArgs["kind"] }, /kind must be one of/],
    ["an Iceberg catalog name Spark cannot use", { icebergCatalog: "Lake-1" }, /icebergCatalog "Lake-1"/],
    [
      "Flex on large workers",
      { glue: { executionClass: "FLEX", workerType: "G.8X" } },
      /glue\.executionClass FLEX/,
    ],

    [
      "a report at the bucket root",
      { report: { bucket: bucket("silver") } },
      /report would be writable on the whole bucket/,
    ],
  ])("rejects %s, naming the job and dataset", (_label, overrides, message) => {
    expect(() => new SparkJob("bad", bronzeToSilver(overrides))).toThrow(message);
    expect(() => new SparkJob("bad", bronzeToSilver(overrides))).toThrow(
      /SparkJob bad \(dataset customers\)/,
    );
  });

  it("rejects a report bucket encrypted with another key than the security configuration", () => {
    expect(
      () =>
        new SparkJob("mixed-keys", bronzeToSilver({ report: { bucket: bucket("gold"), prefix: "reports" } })),
    ).toThrow(
      /must be encrypted with the security configuration key arn:aws:kms:eu-west-1:123456789012:key\/silver; got arn:aws:kms:eu-west-1:123456789012:key\/gold/,
    );
  });
});
