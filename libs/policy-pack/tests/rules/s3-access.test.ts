import {
  s3BucketPolicyNotPublic,
  s3BucketPolicyNoWildcardAction,
  s3NoInlineBucketSettings,
  s3NoPublicAcl,
} from "../../src/rules/s3-access.js";
import { describeRule, resource, set, UNKNOWN } from "../helpers.js";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

describeRule({
  policy: s3NoPublicAcl,
  valid: resource("aws:s3/bucketAclV2:BucketAclV2", "acl", {
    bucket: "b",
    accessControlPolicy: {
      owner: { id: "owner-id" },
      grants: [{ grantee: { type: "CanonicalUser", id: "owner-id" }, permission: "FULL_CONTROL" }],
    },
  }),
  violations: [
    ["a public-read canned ACL", set("acl", "public-read"), /public canned ACL public-read/],
    ["a public-read-write canned ACL", set("acl", "public-read-write"), /public-read-write/],
    ["an authenticated-read canned ACL", set("acl", "authenticated-read"), /authenticated-read/],
    [
      "a grant to AllUsers",
      set("accessControlPolicy.grants[0].grantee", { type: "Group", uri: ALL_USERS }),
      /grants FULL_CONTROL to .*AllUsers/,
    ],
  ],
  accepted: [
    ["the private canned ACL", set("acl", "private")],
    ["the log-delivery-write canned ACL", set("acl", "log-delivery-write")],
  ],
  unknown: set("acl", UNKNOWN),
});

describeRule({
  policy: s3NoPublicAcl,
  valid: resource("aws:s3/bucketObjectv2:BucketObjectv2", "object", {
    bucket: "b",
    key: "k",
    acl: "private",
  }),
  violations: [["a public object", set("acl", "public-read"), /public canned ACL public-read/]],
  accepted: [["an object without ACL", set("acl", undefined)]],
  unknown: set("acl", UNKNOWN),
});

describeRule({
  policy: s3NoInlineBucketSettings,
  valid: resource("aws:s3/bucket:Bucket", "bucket", { bucket: "b", forceDestroy: false, tags: { a: "b" } }),
  violations: [
    ["an inline ACL", set("acl", "private"), /deprecated inline acl; use aws.s3.BucketAcl/],
    ["inline grants", set("grants", [{ type: "Group", permissions: ["READ"] }]), /inline grants/],
    ["an inline policy", set("policy", "{}"), /inline policy; use aws.s3.BucketPolicy/],
    [
      "inline encryption",
      set("serverSideEncryptionConfiguration", { rule: {} }),
      /inline serverSideEncryptionConfiguration/,
    ],
    ["inline versioning", set("versioning", { enabled: true }), /inline versioning/],
    ["inline logging", set("logging", { targetBucket: "l" }), /inline logging/],
    ["website hosting", set("website", { indexDocument: "index.html" }), /inline website/],
  ],
  accepted: [["an empty grants list", set("grants", [])]],
  unknown: set("versioning", UNKNOWN),
});

const bucketPolicy = (statement: Record<string, unknown>) =>
  resource("aws:s3/bucketPolicy:BucketPolicy", "policy", {
    bucket: "b",
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
  });

const logDelivery = {
  Sid: "AllowS3ServerAccessLogDelivery",
  Effect: "Allow",
  Principal: { Service: "logging.s3.amazonaws.com" },
  Action: ["s3:PutObject"],
  Resource: ["arn:aws:s3:::b/logs/*"],
  Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
};

const withStatement = (statement: Record<string, unknown>) => () => bucketPolicy(statement);

describeRule({
  policy: s3BucketPolicyNotPublic,
  valid: bucketPolicy(logDelivery),
  violations: [
    [
      'principal "*"',
      withStatement({ ...logDelivery, Principal: "*", Condition: undefined }),
      /allows principal "\*"/,
    ],
    [
      'principal AWS "*"',
      withStatement({ ...logDelivery, Principal: { AWS: "*" }, Condition: undefined }),
      /"\*"/,
    ],
    [
      'principal "*" with a negated condition',
      withStatement({
        ...logDelivery,
        Principal: "*",
        Condition: { StringNotEquals: { "aws:SourceAccount": "123456789012" } },
      }),
      /allows principal "\*"/,
    ],
    [
      'principal "*" with a wildcard source ARN',
      withStatement({
        ...logDelivery,
        Principal: "*",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } },
      }),
      /allows principal "\*"/,
    ],
    [
      "NotPrincipal in an Allow",
      withStatement({ ...logDelivery, Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::1:root" } }),
      /NotPrincipal/,
    ],
    [
      "a policy that is not JSON",
      () => ({ ...bucketPolicy(logDelivery), props: { policy: "[" } }),
      /not valid JSON/,
    ],
  ],
  accepted: [
    ['principal "*" limited to a source account', withStatement({ ...logDelivery, Principal: "*" })],
    [
      'principal "*" limited to the organization',
      withStatement({
        ...logDelivery,
        Principal: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } },
      }),
    ],
    [
      'a Deny to "*"',
      withStatement({ ...logDelivery, Effect: "Deny", Principal: "*", Condition: undefined }),
    ],
  ],
  unknown: set("policy", UNKNOWN),
});

describeRule({
  policy: s3BucketPolicyNoWildcardAction,
  valid: bucketPolicy(logDelivery),
  violations: [
    ['action "s3:*"', withStatement({ ...logDelivery, Action: "s3:*" }), /allows s3:\*/],
    ['action "*"', withStatement({ ...logDelivery, Action: ["*"] }), /allows \*/],
    [
      "NotAction",
      withStatement({ ...logDelivery, Action: undefined, NotAction: ["s3:DeleteObject"] }),
      /NotAction/,
    ],
  ],
  accepted: [["a Deny of s3:*", withStatement({ ...logDelivery, Effect: "Deny", Action: "s3:*" })]],
  unknown: set("policy", UNKNOWN),
});
