import { describe, expect, it } from "vitest";
import { LakeBucket } from "../../src/storage/lake-bucket.js";
import { MOCK_ACCOUNT as ACCOUNT, mockAutoName } from "@lake/pulumi-mocks";
import { policyOf, resource, resourcesOf, settled, resolve } from "../helpers.js";

describe("LakeBucket with its own key and log bucket", async () => {
  // retainOnDelete is a resource option, not an input the mocks see: a transformation records it per child.
  const retained = new Map<string, boolean | undefined>();
  const bronze = new LakeBucket(
    "bronze",
    { layer: "bronze", retainOnDelete: true },
    { transformations: [(a) => void retained.set(a.name, a.opts.retainOnDelete)] },
  );
  const [bucketName, bucketArn, kmsKeyArn, logBucket] = await Promise.all([
    resolve(bronze.bucketName),
    resolve(bronze.bucketArn),
    resolve(bronze.kmsKeyArn),
    resolve(bronze.accessLogBucketName),
  ]);
  await settled();

  it("exports the bucket, its key and its log bucket", () => {
    // Without a bucketName the bucket is auto-named from `${name}-data`, as Pulumi does with a random suffix.
    const autoNamed = mockAutoName("aws:s3/bucket:Bucket", "bronze-data");
    expect(bucketName).toBe(autoNamed);
    expect(bucketArn).toBe(`arn:aws:s3:::${autoNamed}`);
    expect(kmsKeyArn).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\//);
    expect(logBucket).toBe(mockAutoName("aws:s3/bucket:Bucket", "bronze-access-logs-logs"));
  });

  it("encrypts with SSE-KMS and the customer key, with the bucket key on and SSE-C blocked", () => {
    const sse = resource(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "bronze-data-encryption",
    );
    expect(sse.inputs.rules).toEqual([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn },
        bucketKeyEnabled: true,
        blockedEncryptionTypes: ["SSE-C"],
      },
    ]);
  });

  it("creates the key with rotation on", () => {
    const key = resource("aws:kms/key:Key", "bronze-kms-key");
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(key.inputs.deletionWindowInDays).toBe(30);
  });

  it("blocks all public access and disables ACLs", () => {
    const pab = resource(
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "bronze-data-public-access-block",
    );
    expect(pab.inputs).toMatchObject({
      bucket: bucketName,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const ownership = resource(
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "bronze-data-ownership",
    );
    expect(ownership.inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
  });

  it("turns versioning on", () => {
    const v = resource("aws:s3/bucketVersioning:BucketVersioning", "bronze-data-versioning");
    expect(v.inputs.versioningConfiguration).toEqual({ status: "Enabled" });
  });

  it("denies plain HTTP on the bucket and its objects", () => {
    const policy = policyOf(resource("aws:s3/bucketPolicy:BucketPolicy", "bronze-data-policy"));
    const tls = policy.Statement.find((s) => s.Sid === "DenyInsecureTransport");
    expect(tls).toMatchObject({
      Effect: "Deny",
      Principal: "*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("denies uploads asking for another algorithm or key, but not uploads relying on the default", () => {
    const policy = policyOf(resource("aws:s3/bucketPolicy:BucketPolicy", "bronze-data-policy"));
    const algorithm = policy.Statement.find((s) => s.Sid === "DenyOtherEncryptionAlgorithm");
    expect(algorithm?.Condition).toEqual({
      StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
      Null: { "s3:x-amz-server-side-encryption": "false" },
    });
    const key = policy.Statement.find((s) => s.Sid === "DenyOtherKmsKey");
    expect(key?.Condition).toEqual({
      StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": kmsKeyArn },
      Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
    });
  });

  it("applies the bronze lifecycle", () => {
    const lc = resource(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "bronze-data-lifecycle",
    );
    const rules = lc.inputs.rules as { id: string; transitions?: unknown }[];
    expect(rules.find((r) => r.id === "tier-and-expire-current-versions")?.transitions).toEqual([
      { days: 30, storageClass: "INTELLIGENT_TIERING" },
      { days: 90, storageClass: "GLACIER_IR" },
    ]);
  });

  it("logs to the log bucket under date-partitioned keys", () => {
    const logging = resource("aws:s3/bucketLogging:BucketLogging", "bronze-data-logging");
    expect(logging.inputs).toMatchObject({
      bucket: bucketName,
      targetBucket: logBucket,
      targetPrefix: "s3-access-logs/",
      targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
    });
  });

  it("gives the log bucket SSE-S3 and a delivery grant scoped to this bucket and account", () => {
    const sse = resource(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "bronze-access-logs-logs-encryption",
    );
    expect(sse.inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    const policy = policyOf(resource("aws:s3/bucketPolicy:BucketPolicy", "bronze-access-logs-logs-policy"));
    const grant = policy.Statement.find((s) => s.Sid === "AllowS3ServerAccessLogDelivery");
    expect(grant).toMatchObject({
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: ["s3:PutObject"],
      Resource: [`arn:aws:s3:::${logBucket}/s3-access-logs/*`],
      Condition: {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": [bucketArn] },
      },
    });
    expect(resourcesOf("aws:s3/bucketAclV2:BucketAclV2", "bronze")).toEqual([]);
    expect(resourcesOf("aws:s3/bucketAcl:BucketAcl", "bronze")).toEqual([]);
  });

  it("retains the data bucket, its key and its logs on delete when asked (production)", () => {
    expect(retained.get("bronze-data")).toBe(true);
    expect(retained.get("bronze-kms-key")).toBe(true);
    expect(retained.get("bronze-access-logs-logs")).toBe(true);
    expect(resource("aws:s3/bucket:Bucket", "bronze-data").inputs.forceDestroy).toBe(false);
  });
});

describe("LakeBucket with a given key and a shared log bucket", async () => {
  const silver = new LakeBucket("silver", {
    layer: "silver",
    kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/shared",
    accessLogs: { bucketName: "central-logs", prefix: "silver" },
  });
  await resolve(silver.bucketArn);
  await settled();

  it("creates neither a key nor a log bucket", () => {
    expect(resourcesOf("aws:kms/key:Key", "silver")).toEqual([]);
    expect(resourcesOf("aws:s3/bucket:Bucket", "silver").map((r) => r.name)).toEqual(["silver-data"]);
  });

  it("uses the given key and log target", () => {
    const sse = resource(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "silver-data-encryption",
    );
    expect(sse.inputs.rules).toMatchObject([
      {
        applyServerSideEncryptionByDefault: {
          kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:key/shared",
        },
      },
    ]);
    const logging = resource("aws:s3/bucketLogging:BucketLogging", "silver-data-logging");
    expect(logging.inputs).toMatchObject({ targetBucket: "central-logs", targetPrefix: "silver/" });
  });
});

describe("LakeBucket validation", () => {
  it.each([
    [
      "an invalid lifecycle",
      { layer: "bronze" as const, lifecycle: { intelligentTieringDays: 90, archiveDays: 30 } },
      /lifecycle\.archiveDays \(30\)/,
    ],
    ["an unknown layer", { layer: "platinum" as never }, /layer must be one of bronze, silver, gold/],
  ])("rejects %s before creating anything", (_label, args, message) => {
    expect(() => new LakeBucket("bad", args)).toThrow(message);
  });

  it("rejects retainOnDelete with forceDestroy", () => {
    expect(() => new LakeBucket("both", { layer: "gold", retainOnDelete: true, forceDestroy: true })).toThrow(
      /retainOnDelete and forceDestroy contradict each other/,
    );
  });

  it("rejects a component name that cannot become a bucket name unless bucketName is given", () => {
    expect(() => new LakeBucket("Bronze", { layer: "bronze" })).toThrow(/cannot become a bucket name/);
    expect(() => new LakeBucket("x".repeat(60), { layer: "bronze" })).toThrow(/too long/);
    expect(
      () =>
        new LakeBucket("Named", {
          layer: "bronze",
          bucketName: "acme-bronze",
          accessLogs: { bucketName: "l" },
        }),
    ).not.toThrow();
  });
});
