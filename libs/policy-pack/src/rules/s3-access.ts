// Bucket rules one resource decides: ACLs, bucket policies, and the deprecated inline bucket settings.
import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { publicGrants, reportAllowProblems, reportDocumentProblems } from "../documents.js";
import { resourcePolicy } from "../policy.js";

const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GROUPS = [
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

interface AccessControlPolicy {
  grants?: { grantee?: { type?: string; uri?: string }; permission?: string }[];
}

function aclProblems(acl: unknown, accessControlPolicy: AccessControlPolicy | undefined): string[] {
  const problems: string[] = [];
  if (typeof acl === "string" && PUBLIC_CANNED_ACLS.includes(acl))
    problems.push(`uses the public canned ACL ${acl}`);
  for (const grant of accessControlPolicy?.grants ?? []) {
    if (PUBLIC_GROUPS.includes(grant.grantee?.uri ?? "")) {
      problems.push(`grants ${grant.permission ?? "access"} to ${grant.grantee?.uri}`);
    }
  }
  return problems;
}

export const s3NoPublicAcl = resourcePolicy({
  name: "s3-no-public-acl",
  description:
    "No bucket or object ACL grants access to everyone or to every AWS account (public-read, public-read-write, authenticated-read, AllUsers, AuthenticatedUsers).",
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag W31", "cfn_nag F14", "S3BucketPublicReadProhibited", "S3BucketPublicWriteProhibited"],
  validateResource: [
    validateResourceOfType(aws.s3.BucketAcl, (acl, _args, report) => {
      for (const p of aclProblems(acl.acl, acl.accessControlPolicy)) report(p);
    }),
    validateResourceOfType(aws.s3.BucketAclV2, (acl, _args, report) => {
      for (const p of aclProblems(acl.acl, acl.accessControlPolicy)) report(p);
    }),
    validateResourceOfType(aws.s3.BucketObjectv2, (object, _args, report) => {
      for (const p of aclProblems(object.acl, undefined)) report(p);
    }),
    validateResourceOfType(aws.s3.BucketObject, (object, _args, report) => {
      for (const p of aclProblems(object.acl, undefined)) report(p);
    }),
  ],
});

/** Inline bucket arguments @pulumi/aws 7 deprecates in favour of separate resources, which the stack rules read. */
const INLINE_SETTINGS = {
  acl: "aws.s3.BucketAcl",
  grants: "aws.s3.BucketAcl",
  policy: "aws.s3.BucketPolicy",
  serverSideEncryptionConfiguration: "aws.s3.BucketServerSideEncryptionConfiguration",
  versioning: "aws.s3.BucketVersioning",
  logging: "aws.s3.BucketLogging",
  website: "aws.s3.BucketWebsiteConfiguration (a website endpoint serves objects publicly over HTTP)",
} as const;

const isSet = (value: unknown) =>
  value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

function inlineSettingProblems(props: Record<string, unknown>): string[] {
  return Object.entries(INLINE_SETTINGS)
    .filter(([setting]) => isSet(props[setting]))
    .map(([setting, instead]) => `sets the deprecated inline ${setting}; use ${instead}`);
}

export const s3NoInlineBucketSettings = resourcePolicy({
  name: "s3-no-inline-bucket-settings",
  description:
    "Buckets set encryption, versioning, logging, ACLs, policy and website hosting through their separate resources, not the deprecated inline arguments the stack rules cannot see.",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.s3.Bucket, (bucket, _args, report) => {
      for (const p of inlineSettingProblems(bucket)) report(p);
    }),
    validateResourceOfType(aws.s3.BucketV2, (bucket, _args, report) => {
      for (const p of inlineSettingProblems(bucket)) report(p);
    }),
  ],
});

export const s3BucketPolicyNotPublic = resourcePolicy({
  name: "s3-bucket-policy-not-public",
  description:
    'No bucket policy allows principal "*" (or uses NotPrincipal) unless a condition fixes the caller or source (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...), as S3 defines a non-public policy.',
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag F16", "cfn_nag F9"],
  validateResource: [
    validateResourceOfType(aws.s3.BucketPolicy, (policy, _args, report) => {
      reportDocumentProblems(policy.policy, "the bucket policy", report, (doc) => publicGrants(doc));
    }),
  ],
});

export const s3BucketPolicyNoWildcardAction = resourcePolicy({
  name: "s3-bucket-policy-no-wildcard-action",
  description:
    'No bucket policy statement allows every action ("*" or "s3:*") or uses NotAction in an Allow.',
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag F15", "cfn_nag W20"],
  validateResource: [
    validateResourceOfType(aws.s3.BucketPolicy, (policy, _args, report) => {
      reportAllowProblems(policy.policy, "the bucket policy", report, (s, label) => {
        if (s.hasNotAction) return [`${label} allows with NotAction`];
        const wildcards = s.actions.filter((a) => a === "*" || a.toLowerCase() === "s3:*");
        return wildcards.length > 0 ? [`${label} allows ${wildcards.join(", ")}`] : [];
      });
    }),
  ],
});

export const s3AccessPolicies = [
  s3NoPublicAcl,
  s3NoInlineBucketSettings,
  s3BucketPolicyNotPublic,
  s3BucketPolicyNoWildcardAction,
];
