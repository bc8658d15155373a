import { describe, expect, it } from "vitest";
import {
  s3BucketAccessLogging,
  s3BucketKmsEncryption,
  s3BucketOwnerEnforced,
  s3BucketPublicAccessBlock,
  s3BucketTlsOnly,
  s3BucketVersioning,
} from "../../src/rules/s3-buckets.js";
import { describeRule, findingsOf, remove, resource, setIn, UNKNOWN } from "../helpers.js";

const T = {
  bucket: "aws:s3/bucket:Bucket",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  logging: "aws:s3/bucketLogging:BucketLogging",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
};
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/** The data bucket names itself; the log bucket is auto-named by Pulumi (logical name, dash, 7 hex). */
const DATA = "lake-dev-data-123456789012";
const LOGS = "logs-0a1b2c3";

const tlsOnly = (bucket: string, statement: Record<string, unknown> = {}) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
        ...statement,
      },
    ],
  });

const companions = (prefix: string, bucket: string) => [
  resource(T.publicAccessBlock, `${prefix}-pab`, {
    bucket,
    blockPublicAcls: true,
    ignorePublicAcls: true,
    blockPublicPolicy: true,
    restrictPublicBuckets: true,
  }),
  resource(T.ownership, `${prefix}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }),
  resource(T.policy, `${prefix}-policy`, { bucket, policy: tlsOnly(bucket) }),
];

const stack = [
  resource(T.bucket, "data", { bucket: DATA }),
  resource(T.encryption, "data-encryption", {
    bucket: DATA,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } }],
  }),
  resource(T.versioning, "data-versioning", { bucket: DATA, versioningConfiguration: { status: "Enabled" } }),
  resource(T.logging, "data-logging", { bucket: DATA, targetBucket: LOGS, targetPrefix: "s3-access-logs/" }),
  ...companions("data", DATA),
  resource(T.bucket, "logs", {}),
  resource(T.encryption, "logs-encryption", {
    bucket: LOGS,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
  }),
  ...companions("logs", LOGS),
];

const algorithm = "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm";
const keyId = "rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId";

describeRule({
  policy: s3BucketKmsEncryption,
  valid: stack,
  violations: [
    [
      "a bucket without encryption configuration",
      remove("data-encryption"),
      /has no BucketServerSideEncryption/,
    ],
    [
      "SSE-S3 on a data bucket",
      setIn("data-encryption", algorithm, "AES256"),
      /encrypts with AES256, not aws:kms/,
    ],
    [
      "the AWS managed key (no key id)",
      setIn("data-encryption", keyId, undefined),
      /AWS managed key aws\/s3/,
    ],
    [
      "the AWS managed key by alias",
      setIn("data-encryption", keyId, "alias/aws/s3"),
      /AWS managed key aws\/s3/,
    ],
    ["a configuration without rules", setIn("data-encryption", "rules", []), /without rules/],
    [
      "SSE-S3 on a bucket no other bucket logs to",
      setIn("data-logging", "targetBucket", "somewhere-else"),
      /bucket logs encrypts with AES256, not aws:kms/,
    ],
  ],
  accepted: [
    ["dual-layer KMS encryption", setIn("data-encryption", algorithm, "aws:kms:dsse")],
    [
      "KMS on the log bucket too",
      setIn("logs-encryption", "rules", [
        { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } },
      ]),
    ],
  ],
  unknown: setIn("data-encryption", "bucket", UNKNOWN),
});

const pabSettings = ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"];

describeRule({
  policy: s3BucketPublicAccessBlock,
  valid: stack,
  violations: [
    ["a bucket without a public access block", remove("data-pab"), /has no BucketPublicAccessBlock/],
    ...pabSettings.map(
      (s) => [`${s} off`, setIn("data-pab", s, false), new RegExp(`${s} not true`)] as const,
    ),
    [
      "blockPublicPolicy unset",
      setIn("logs-pab", "blockPublicPolicy", undefined),
      /blockPublicPolicy not true/,
    ],
  ],
  unknown: setIn("data-pab", "ignorePublicAcls", UNKNOWN),
});

const denyStatement = "policy";

describeRule({
  policy: s3BucketTlsOnly,
  valid: stack,
  violations: [
    ["a bucket without a policy", remove("data-policy"), /has no BucketPolicy/],
    [
      "a deny that only covers the bucket, not its objects",
      setIn("data-policy", denyStatement, tlsOnly(DATA, { Resource: [`arn:aws:s3:::${DATA}`] })),
      /no statement denying s3:\*/,
    ],
    [
      "an Allow instead of a Deny",
      setIn("data-policy", denyStatement, tlsOnly(DATA, { Effect: "Allow" })),
      /no statement denying/,
    ],
    [
      "a deny for one principal only",
      setIn(
        "data-policy",
        denyStatement,
        tlsOnly(DATA, { Principal: { AWS: "arn:aws:iam::123456789012:root" } }),
      ),
      /no statement denying/,
    ],
    [
      "a deny of one action only",
      setIn("data-policy", denyStatement, tlsOnly(DATA, { Action: ["s3:GetObject"] })),
      /no statement denying/,
    ],
    [
      "a deny when the transport IS secure",
      setIn(
        "data-policy",
        denyStatement,
        tlsOnly(DATA, { Condition: { Bool: { "aws:SecureTransport": "true" } } }),
      ),
      /no statement denying/,
    ],
    ["a policy that is not JSON", setIn("data-policy", denyStatement, "{not json"), /is not valid JSON/],
  ],
  accepted: [
    ["a deny on every resource", setIn("data-policy", denyStatement, tlsOnly(DATA, { Resource: "*" }))],
    ["a deny of every action", setIn("data-policy", denyStatement, tlsOnly(DATA, { Action: "*" }))],
    [
      "ARNs of another partition",
      setIn(
        "data-policy",
        denyStatement,
        tlsOnly(DATA, { Resource: [`arn:aws-cn:s3:::${DATA}`, `arn:aws-cn:s3:::${DATA}/*`] }),
      ),
    ],
    [
      "a boolean condition value",
      setIn(
        "data-policy",
        denyStatement,
        tlsOnly(DATA, { Condition: { Bool: { "aws:SecureTransport": false } } }),
      ),
    ],
  ],
  unknown: setIn("data-policy", denyStatement, UNKNOWN),
});

describeRule({
  policy: s3BucketVersioning,
  valid: stack,
  violations: [
    ["a data bucket without versioning", remove("data-versioning"), /has no BucketVersioning/],
    [
      "suspended versioning",
      setIn("data-versioning", "versioningConfiguration.status", "Suspended"),
      /versioning Suspended, not Enabled/,
    ],
  ],
  accepted: [["the log bucket without versioning (the valid stack has none)", (s) => s]],
  unknown: setIn("data-versioning", "versioningConfiguration", UNKNOWN),
});

describeRule({
  policy: s3BucketAccessLogging,
  valid: stack,
  violations: [
    [
      "a data bucket whose logging resource is another bucket's",
      setIn("data-logging", "bucket", "another-bucket"),
      /bucket lake-dev-data-123456789012 has no BucketLogging/,
    ],
  ],
  unknown: setIn("data-logging", "targetBucket", UNKNOWN),
});

describe("s3-bucket-access-logging, a bucket that logs to itself", () => {
  it("reports it, and the log bucket that lost its only source", async () => {
    const findings = await findingsOf(
      s3BucketAccessLogging,
      setIn("data-logging", "targetBucket", DATA)(stack),
    );
    expect(findings.map((f) => f.message).sort()).toEqual([
      "bucket lake-dev-data-123456789012 logs to itself, which makes every log delivery another logged request",
      "bucket logs has no BucketLogging (server access logs)",
    ]);
  });
});

describeRule({
  policy: s3BucketOwnerEnforced,
  valid: stack,
  violations: [
    ["a bucket without ownership controls", remove("data-ownership"), /has no BucketOwnershipControls/],
    [
      "ObjectWriter ownership",
      setIn("data-ownership", "rule.objectOwnership", "ObjectWriter"),
      /ObjectWriter, not BucketOwnerEnforced/,
    ],
  ],
  unknown: setIn("logs-ownership", "rule", UNKNOWN),
});

describe("bucket joins", () => {
  it("matches a bucket named by prefix with the companions that name it", async () => {
    const prefixed = [
      resource(T.bucket, "prefixed", { bucketPrefix: "lake-prefixed-" }),
      resource(T.ownership, "prefixed-ownership", {
        bucket: "lake-prefixed-20261201000000000000000001",
        rule: { objectOwnership: "BucketOwnerEnforced" },
      }),
    ];
    expect(await findingsOf(s3BucketOwnerEnforced, prefixed)).toEqual([]);
  });

  it("does not take a bucket whose logical name only starts the same for an auto-named one", async () => {
    const findings = await findingsOf(s3BucketOwnerEnforced, [
      resource(T.bucket, "logs", {}),
      resource(T.ownership, "x", {
        bucket: "logs-archive-0a1b2c3",
        rule: { objectOwnership: "BucketOwnerEnforced" },
      }),
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      "bucket logs has no BucketOwnershipControls, so ACLs can still grant access",
    ]);
  });

  it("does not apply to a stack without buckets", async () => {
    expect(await findingsOf(s3BucketKmsEncryption, [resource("aws:sqs/queue:Queue", "q", {})])).toEqual([]);
  });
});
