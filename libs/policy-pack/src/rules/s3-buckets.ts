// Bucket rules that join a bucket with its separate configuration resources: in @pulumi/aws 7 a bucket's
// encryption, versioning, logging, public access block, ownership controls and policy are resources of their own
// that name the bucket (the inline arguments are deprecated, see s3-access.ts), so only the whole stack can tell
// whether a bucket has them.
import * as aws from "@pulumi/aws";
import type { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { deniesInsecureTransport, sameArn, someDocument } from "../documents.js";
import { stackPolicy, type ResourceClass } from "../policy.js";
import { bucketArn, isNamed, ofType } from "../stack-resources.js";

const BUCKETS: ResourceClass[] = [aws.s3.Bucket, aws.s3.BucketV2];
const ENCRYPTION: ResourceClass[] = [
  aws.s3.BucketServerSideEncryptionConfiguration,
  aws.s3.BucketServerSideEncryptionConfigurationV2,
];
const VERSIONING: ResourceClass[] = [aws.s3.BucketVersioning, aws.s3.BucketVersioningV2];
const LOGGING: ResourceClass[] = [aws.s3.BucketLogging, aws.s3.BucketLoggingV2];

interface BucketInStack {
  readonly resource: PolicyResource;
  /** The physical name when the bucket sets one, else its logical name (for messages). */
  readonly label: string;
  /** The configuration resources of `classes` that name this bucket. */
  companions(...classes: ResourceClass[]): PolicyResource[];
  /** The server access log target of another bucket of the stack: AWS delivers those logs only with SSE-S3. */
  readonly isLogTarget: boolean;
}

function bucketsOf(resources: readonly PolicyResource[]): BucketInStack[] {
  const named = (bucket: PolicyResource, reference: unknown) =>
    isNamed(bucket, reference, "bucket", "bucketPrefix");
  const loggings = ofType(resources, ...LOGGING).map((l) => ({
    source: l.props["bucket"] as unknown,
    target: l.props["targetBucket"] as unknown,
  }));
  return ofType(resources, ...BUCKETS).map((bucket) => {
    const explicit: unknown = bucket.props["bucket"];
    return {
      resource: bucket,
      label: typeof explicit === "string" ? explicit : bucket.name,
      companions: (...classes) =>
        ofType(resources, ...classes).filter((c) => named(bucket, c.props["bucket"])),
      isLogTarget: loggings.some((l) => named(bucket, l.target) && !named(bucket, l.source)),
    };
  });
}

type BucketCheck = (bucket: BucketInStack, report: (message: string) => void) => void;

function eachBucket(check: BucketCheck) {
  return (args: StackValidationArgs, reportViolation: ReportViolation) => {
    for (const bucket of bucketsOf(args.resources)) {
      check(bucket, (message) => reportViolation(`bucket ${bucket.label} ${message}`, bucket.resource.urn));
    }
  };
}

interface EncryptionRule {
  applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: string };
}

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

export const s3BucketKmsEncryption = stackPolicy({
  name: "s3-bucket-kms-encryption",
  description:
    "Every bucket has default encryption with a customer managed KMS key (aws:kms or aws:kms:dsse); a server access log target may use SSE-S3, the only default encryption log delivery supports.",
  enforcementLevel: "mandatory",
  nagIds: ["S3DefaultEncryptionKMS", "cfn_nag W41"],
  reads: [...BUCKETS, ...ENCRYPTION, ...LOGGING],
  validateStack: eachBucket((bucket, report) => {
    const configurations = bucket.companions(...ENCRYPTION);
    if (configurations.length === 0) {
      report(
        "has no BucketServerSideEncryptionConfiguration: S3 then encrypts with SSE-S3, under no key policy of yours",
      );
      return;
    }
    for (const configuration of configurations) {
      const rules = (configuration.props["rules"] ?? []) as EncryptionRule[];
      if (rules.length === 0) report(`has an encryption configuration without rules (${configuration.name})`);
      for (const rule of rules) {
        const algorithm = rule.applyServerSideEncryptionByDefault?.sseAlgorithm;
        const key = rule.applyServerSideEncryptionByDefault?.kmsMasterKeyId;
        if (algorithm === "AES256" && bucket.isLogTarget) continue;
        if (!KMS_ALGORITHMS.includes(algorithm ?? "")) {
          report(`encrypts with ${algorithm ?? "no algorithm"}, not aws:kms (${configuration.name})`);
        } else if (!key || /alias\/aws\/s3$/.test(key)) {
          report(
            `encrypts with the AWS managed key aws/s3; name a customer managed key in kmsMasterKeyId (${configuration.name})`,
          );
        }
      }
    }
  }),
});

export const s3BucketPublicAccessBlock = stackPolicy({
  name: "s3-bucket-public-access-block",
  description:
    "Every bucket has a BucketPublicAccessBlock with all four settings on: blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets.",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-S2", "S3BucketLevelPublicAccessProhibited"],
  reads: [...BUCKETS, aws.s3.BucketPublicAccessBlock],
  validateStack: eachBucket((bucket, report) => {
    const blocks = bucket.companions(aws.s3.BucketPublicAccessBlock);
    if (blocks.length === 0) {
      report("has no BucketPublicAccessBlock");
      return;
    }
    const settings = ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"];
    for (const block of blocks) {
      const off = settings.filter((s) => block.props[s] !== true);
      if (off.length > 0) report(`does not block public access: ${off.join(", ")} not true (${block.name})`);
    }
  }),
});

export const s3BucketTlsOnly = stackPolicy({
  name: "s3-bucket-tls-only",
  description:
    "Every bucket's BucketPolicy denies all S3 actions to every principal on the bucket and its objects when aws:SecureTransport is false.",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-S10", "S3BucketSSLRequestsOnly"],
  reads: [...BUCKETS, aws.s3.BucketPolicy],
  validateStack: eachBucket((bucket, report) => {
    const policies = bucket.companions(aws.s3.BucketPolicy);
    if (policies.length === 0) {
      report("has no BucketPolicy, so nothing refuses requests without TLS");
      return;
    }
    const documents = policies.map((p) => ({
      where: `its bucket policy ${p.name}`,
      value: p.props["policy"] as unknown,
    }));
    const arn = bucketArn(String(policies[0]?.props["bucket"]));
    const denies = someDocument(documents, report, (doc) =>
      deniesInsecureTransport(doc, "s3", (resources) =>
        [arn, `${arn}/*`].every((wanted) => resources.some((r) => sameArn(r, wanted))),
      ),
    );
    if (denies === false) {
      report(
        `has no statement denying s3:* to "*" on the bucket and its objects when aws:SecureTransport is false`,
      );
    }
  }),
});

export const s3BucketVersioning = stackPolicy({
  name: "s3-bucket-versioning",
  description:
    "Every data bucket (any bucket that is not a server access log target) has BucketVersioning with status Enabled.",
  enforcementLevel: "mandatory",
  nagIds: ["S3BucketVersioningEnabled"],
  reads: [...BUCKETS, ...VERSIONING, ...LOGGING],
  validateStack: eachBucket((bucket, report) => {
    if (bucket.isLogTarget) return;
    const statuses = bucket
      .companions(...VERSIONING)
      .map((v) => (v.props["versioningConfiguration"] as { status?: string } | undefined)?.status);
    if (statuses.length === 0) report("has no BucketVersioning");
    else if (!statuses.includes("Enabled")) report(`has versioning ${statuses.join(", ")}, not Enabled`);
  }),
});

export const s3BucketAccessLogging = stackPolicy({
  name: "s3-bucket-access-logging",
  description:
    "Every data bucket (any bucket that is not itself a server access log target) sends server access logs to another bucket with a BucketLogging.",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-S1", "cfn_nag W35", "S3BucketLoggingEnabled"],
  reads: [...BUCKETS, ...LOGGING],
  validateStack: eachBucket((bucket, report) => {
    if (bucket.isLogTarget) return;
    const logging = bucket.companions(...LOGGING);
    if (logging.length === 0) report("has no BucketLogging (server access logs)");
    else if (
      logging.every((l) => isNamed(bucket.resource, l.props["targetBucket"], "bucket", "bucketPrefix"))
    ) {
      report("logs to itself, which makes every log delivery another logged request");
    }
  }),
});

export const s3BucketOwnerEnforced = stackPolicy({
  name: "s3-bucket-owner-enforced",
  description:
    "Every bucket has BucketOwnershipControls with objectOwnership BucketOwnerEnforced, which disables ACLs so that only policies grant access.",
  enforcementLevel: "mandatory",
  nagIds: [],
  reads: [...BUCKETS, aws.s3.BucketOwnershipControls],
  validateStack: eachBucket((bucket, report) => {
    const controls = bucket.companions(aws.s3.BucketOwnershipControls);
    const ownership = controls.map(
      (c) => (c.props["rule"] as { objectOwnership?: string } | undefined)?.objectOwnership,
    );
    if (ownership.length === 0) report("has no BucketOwnershipControls, so ACLs can still grant access");
    else if (!ownership.includes("BucketOwnerEnforced")) {
      report(`has object ownership ${ownership.join(", ")}, not BucketOwnerEnforced (ACLs stay enabled)`);
    }
  }),
});

export const s3BucketPolicies = [
  s3BucketKmsEncryption,
  s3BucketPublicAccessBlock,
  s3BucketTlsOnly,
  s3BucketVersioning,
  s3BucketAccessLogging,
  s3BucketOwnerEnforced,
];
