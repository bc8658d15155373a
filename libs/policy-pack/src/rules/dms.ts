import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { resourcePolicy } from "../policy.js";

export const dmsReplicationInstanceNotPublic = resourcePolicy({
  name: "dms-replication-instance-not-public",
  description:
    "DMS replication instances set publiclyAccessible to false: AWS defaults it to true (a public IP), and changing it later replaces the instance.",
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag W91", "DMSReplicationNotPublic"],
  validateResource: [
    validateResourceOfType(aws.dms.ReplicationInstance, (instance, _args, report) => {
      if (instance.publiclyAccessible !== false) {
        report(
          instance.publiclyAccessible === true
            ? "is publicly accessible"
            : "leaves publiclyAccessible unset, which AWS takes as true (a public IP address)",
        );
      }
    }),
  ],
});

/** Engines whose DMS endpoints connect over a database protocol that sslMode secures. */
const DATABASE_ENGINES = [
  "aurora",
  "aurora-postgresql",
  "aurora-serverless",
  "aurora-postgresql-serverless",
  "mariadb",
  "mysql",
  "postgres",
  "oracle",
  "sqlserver",
  "babelfish",
  "db2",
  "db2-zos",
  "sybase",
  "mongodb",
  "docdb",
  "redshift",
  "redshift-serverless",
];

export const dmsEndpointTls = resourcePolicy({
  name: "dms-endpoint-tls",
  description:
    "DMS database endpoints encrypt the connection: sslMode require, verify-ca or verify-full (AWS defaults to none).",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.dms.Endpoint, (endpoint, args, report) => {
      if (!DATABASE_ENGINES.includes(endpoint.engineName)) {
        args.notApplicable(`${endpoint.engineName} endpoints are not secured by sslMode`);
      }
      if (!["require", "verify-ca", "verify-full"].includes(endpoint.sslMode ?? "none")) {
        report(
          `connects to ${endpoint.engineName} without TLS (sslMode ${endpoint.sslMode ?? "none, the default"})`,
        );
      }
    }),
  ],
});

export const dmsEndpointSecretsManager = resourcePolicy({
  name: "dms-endpoint-secrets-manager",
  description:
    "DMS endpoints read database credentials from Secrets Manager (secretsManagerArn with secretsManagerAccessRoleArn), never a password in the endpoint definition.",
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag F37", "cfn_nag F55"],
  validateResource: [
    validateResourceOfType(aws.dms.Endpoint, (endpoint, args, report) => {
      if (!DATABASE_ENGINES.includes(endpoint.engineName)) {
        args.notApplicable(`${endpoint.engineName} endpoints authenticate with a service role`);
      }
      if (endpoint.password !== undefined) report("sets a password; use secretsManagerArn instead");
      else if (!endpoint.secretsManagerArn || !endpoint.secretsManagerAccessRoleArn) {
        report("names no Secrets Manager secret and access role for its credentials");
      }
    }),
  ],
});

export const dmsS3TargetKms = resourcePolicy({
  name: "dms-s3-target-kms",
  description:
    "DMS S3 target endpoints write objects with SSE-KMS and a named key (encryptionMode SSE_KMS, serverSideEncryptionKmsKeyId); AWS defaults to SSE-S3.",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.dms.S3Endpoint, (endpoint, args, report) => {
      if (endpoint.endpointType !== "target") args.notApplicable("S3 source endpoints only read with SSE-S3");
      if (endpoint.encryptionMode !== "SSE_KMS") {
        report(`writes with ${endpoint.encryptionMode ?? "SSE_S3 (the default)"}, not SSE_KMS`);
      } else if (!endpoint.serverSideEncryptionKmsKeyId) {
        report("writes with SSE_KMS but names no serverSideEncryptionKmsKeyId");
      }
    }),
  ],
});

export const dmsPolicies = [
  dmsReplicationInstanceNotPublic,
  dmsEndpointTls,
  dmsEndpointSecretsManager,
  dmsS3TargetKms,
];
