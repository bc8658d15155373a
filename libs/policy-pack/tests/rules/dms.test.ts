import {
  dmsEndpointSecretsManager,
  dmsEndpointTls,
  dmsReplicationInstanceNotPublic,
  dmsS3TargetKms,
} from "../../src/rules/dms.js";
import { describeRule, resource, set, UNKNOWN } from "../helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describeRule({
  policy: dmsReplicationInstanceNotPublic,
  valid: resource("aws:dms/replicationInstance:ReplicationInstance", "cdc", {
    replicationInstanceClass: "dms.t3.medium",
    replicationInstanceId: "lake-cdc",
    publiclyAccessible: false,
  }),
  violations: [
    ["a public instance", set("publiclyAccessible", true), /is publicly accessible/],
    ["publiclyAccessible unset", set("publiclyAccessible", undefined), /which AWS takes as true/],
  ],
  unknown: set("publiclyAccessible", UNKNOWN),
});

const source = resource("aws:dms/endpoint:Endpoint", "orders-source", {
  endpointId: "orders",
  endpointType: "source",
  engineName: "postgres",
  sslMode: "verify-full",
  secretsManagerArn: "arn:aws:secretsmanager:eu-west-1:1:secret:orders",
  secretsManagerAccessRoleArn: "arn:aws:iam::1:role/dms-secrets",
});

describeRule({
  policy: dmsEndpointTls,
  valid: source,
  violations: [
    ["sslMode none", set("sslMode", "none"), /connects to postgres without TLS \(sslMode none\)/],
    ["sslMode unset", set("sslMode", undefined), /sslMode none, the default/],
  ],
  accepted: [
    ["sslMode require", set("sslMode", "require")],
    ["a Kinesis endpoint", (e) => set("sslMode", undefined)(set("engineName", "kinesis")(e))],
  ],
  unknown: set("sslMode", UNKNOWN),
});

describeRule({
  policy: dmsEndpointSecretsManager,
  valid: source,
  violations: [
    ["a password in the endpoint", set("password", "[secret]"), /sets a password; use secretsManagerArn/],
    ["no secret", set("secretsManagerArn", undefined), /names no Secrets Manager secret/],
    [
      "a secret without its access role",
      set("secretsManagerAccessRoleArn", undefined),
      /names no Secrets Manager secret and access role/,
    ],
  ],
  accepted: [
    [
      "an S3-like service endpoint",
      (e) => set("secretsManagerArn", undefined)(set("engineName", "dynamodb")(e)),
    ],
  ],
  unknown: set("password", UNKNOWN),
});

describeRule({
  policy: dmsS3TargetKms,
  valid: resource("aws:dms/s3Endpoint:S3Endpoint", "bronze-target", {
    endpointId: "bronze",
    endpointType: "target",
    bucketName: "lake-bronze",
    serviceAccessRoleArn: "arn:aws:iam::1:role/dms-s3",
    encryptionMode: "SSE_KMS",
    serverSideEncryptionKmsKeyId: KEY,
  }),
  violations: [
    [
      "SSE-S3 (the default)",
      set("encryptionMode", undefined),
      /writes with SSE_S3 \(the default\), not SSE_KMS/,
    ],
    [
      "SSE-KMS without a key",
      set("serverSideEncryptionKmsKeyId", undefined),
      /names no serverSideEncryptionKmsKeyId/,
    ],
  ],
  accepted: [["a source endpoint", (e) => set("encryptionMode", "SSE_S3")(set("endpointType", "source")(e))]],
  unknown: set("encryptionMode", UNKNOWN),
});
