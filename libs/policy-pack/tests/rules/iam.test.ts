import {
  iamAwsManagedPolicies,
  iamNoElevatedManagedPolicies,
  iamNoFullAccess,
  iamNoWildcardGrant,
  iamPassRoleScoped,
  iamTrustPolicySpecificPrincipal,
} from "../../src/rules/iam.js";
import { describeRule, resource, set, UNKNOWN } from "../helpers.js";

const doc = (...statements: Record<string, unknown>[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const readData = {
  Sid: "ReadData",
  Effect: "Allow",
  Action: ["s3:GetObject"],
  Resource: ["arn:aws:s3:::lake-dev-silver/customers/*"],
};
const trustGlue = {
  Effect: "Allow",
  Principal: { Service: "glue.amazonaws.com" },
  Action: "sts:AssumeRole",
  Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
};

const role = resource("aws:iam/role:Role", "job-role", {
  assumeRolePolicy: doc(trustGlue),
  inlinePolicies: [{ name: "read", policy: doc(readData) }],
});
const rolePolicy = resource("aws:iam/rolePolicy:RolePolicy", "job-policy", {
  role: "r",
  policy: doc(readData),
});

describeRule({
  policy: iamNoWildcardGrant,
  valid: rolePolicy,
  violations: [
    [
      "s3:* on *",
      set("policy", doc({ ...readData, Action: "s3:*", Resource: "*" })),
      /statement "ReadData" allows action s3:\* on resource \*/,
    ],
    ["* on *", set("policy", doc({ ...readData, Action: "*", Resource: ["*"] })), /action \* on resource \*/],
    [
      "NotAction on *",
      set("policy", doc({ ...readData, Action: undefined, NotAction: "iam:*", Resource: "*" })),
      /NotAction on every resource/,
    ],
    [
      "a wildcard through NotResource",
      set("policy", doc({ ...readData, Action: "s3:*", Resource: undefined, NotResource: "arn:aws:s3:::x" })),
      /on resource NotResource/,
    ],
    ["a policy that is not JSON", set("policy", "{"), /the policy is not valid JSON/],
  ],
  accepted: [
    ["a Deny of * on *", set("policy", doc({ ...readData, Effect: "Deny", Action: "*", Resource: "*" }))],
  ],
  unknown: set("policy", UNKNOWN),
});

describeRule({
  policy: iamNoWildcardGrant,
  valid: resource("aws:sqs/queuePolicy:QueuePolicy", "queue-policy", {
    queueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/q",
    policy: doc({
      ...readData,
      Principal: { Service: "s3.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: "arn:aws:sqs:eu-west-1:123456789012:q",
    }),
  }),
  violations: [
    [
      "sqs:* on * in a queue policy",
      set("policy", doc({ ...readData, Principal: "*", Action: "sqs:*", Resource: "*" })),
      /the queue policy: statement "ReadData" allows action sqs:\*/,
    ],
  ],
  unknown: set("policy", UNKNOWN),
});

describeRule({
  policy: iamNoWildcardGrant,
  valid: role,
  violations: [
    [
      "a wildcard in an inline policy",
      set("inlinePolicies[0].policy", doc({ ...readData, Action: "*", Resource: "*" })),
      /the inline policy "read": statement "ReadData" allows action \*/,
    ],
  ],
  unknown: set("inlinePolicies", UNKNOWN),
});

describeRule({
  policy: iamNoFullAccess,
  valid: rolePolicy,
  violations: [
    [
      "glue:* on one database",
      set(
        "policy",
        doc({ ...readData, Action: ["glue:*"], Resource: "arn:aws:glue:eu-west-1:1:database/silver" }),
      ),
      /allows glue:\*/,
    ],
    ["* on one bucket", set("policy", doc({ ...readData, Action: "*" })), /allows \*/],
    [
      "NotAction",
      set("policy", doc({ ...readData, Action: undefined, NotAction: ["s3:DeleteObject"] })),
      /every action but a list/,
    ],
  ],
  accepted: [
    ["a prefix wildcard such as s3:Get*", set("policy", doc({ ...readData, Action: ["s3:Get*"] }))],
    ["a Deny of s3:*", set("policy", doc({ ...readData, Effect: "Deny", Action: "s3:*" }))],
  ],
  unknown: set("policy", UNKNOWN),
});

describeRule({
  policy: iamNoFullAccess,
  valid: resource("aws:iam/policy:Policy", "managed", { policy: doc(readData) }),
  violations: [
    ["a managed policy with kms:*", set("policy", doc({ ...readData, Action: "kms:*" })), /allows kms:\*/],
  ],
  accepted: [
    [
      "a bucket policy is no identity policy",
      () =>
        resource("aws:s3/bucketPolicy:BucketPolicy", "p", {
          bucket: "b",
          policy: doc({ ...readData, Principal: "*", Effect: "Deny", Action: "s3:*" }),
        }),
    ],
  ],
  unknown: set("policy", UNKNOWN),
});

describeRule({
  policy: iamTrustPolicySpecificPrincipal,
  valid: role,
  violations: [
    [
      'principal "*"',
      set("assumeRolePolicy", doc({ ...trustGlue, Principal: "*" })),
      /trusts principal "\*"/,
    ],
    [
      'principal AWS "*"',
      set("assumeRolePolicy", doc({ ...trustGlue, Principal: { AWS: ["*"] } })),
      /trusts principal "\*"/,
    ],
    [
      "NotPrincipal",
      set(
        "assumeRolePolicy",
        doc({ ...trustGlue, Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::1:root" } }),
      ),
      /NotPrincipal/,
    ],
    ["sts:*", set("assumeRolePolicy", doc({ ...trustGlue, Action: "sts:*" })), /allows sts:\*/],
    [
      "a trust policy that is not JSON",
      set("assumeRolePolicy", "nope"),
      /the trust policy is not valid JSON/,
    ],
  ],
  accepted: [
    [
      "a trust policy as an object",
      set("assumeRolePolicy", { Version: "2012-10-17", Statement: [trustGlue] }),
    ],
  ],
  unknown: set("assumeRolePolicy", UNKNOWN),
});

describeRule({
  policy: iamPassRoleScoped,
  valid: set(
    "policy",
    doc({ ...readData, Action: "iam:PassRole", Resource: "arn:aws:iam::1:role/job" }),
  )(rolePolicy),
  violations: [
    [
      "iam:PassRole on *",
      set("policy", doc({ ...readData, Action: "iam:PassRole", Resource: "*" })),
      /iam:PassRole on every role/,
    ],
    [
      "iam:Pass* on *",
      set("policy", doc({ ...readData, Action: ["iam:Pass*"], Resource: ["*"] })),
      /iam:PassRole on every role/,
    ],
    [
      "iam:PassRole on NotResource",
      set(
        "policy",
        doc({
          ...readData,
          Action: "iam:PassRole",
          Resource: undefined,
          NotResource: "arn:aws:iam::1:role/admin",
        }),
      ),
      /iam:PassRole/,
    ],
  ],
  unknown: set("policy", UNKNOWN),
});

const attachment = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach", {
  role: "job-role",
  policyArn: "arn:aws:iam::123456789012:policy/lake-read",
});

describeRule({
  policy: iamNoElevatedManagedPolicies,
  valid: attachment,
  violations: [
    [
      "AdministratorAccess",
      set("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"),
      /AdministratorAccess/,
    ],
    ["PowerUserAccess", set("policyArn", "arn:aws:iam::aws:policy/PowerUserAccess"), /PowerUserAccess/],
    [
      "AmazonS3FullAccess in another partition",
      set("policyArn", "arn:aws-cn:iam::aws:policy/AmazonS3FullAccess"),
      /AmazonS3FullAccess/,
    ],
  ],
  accepted: [
    ["an AWS managed read-only policy", set("policyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")],
    [
      "a customer managed policy named like FullAccess",
      set("policyArn", "arn:aws:iam::123456789012:policy/LakeFullAccess"),
    ],
  ],
  unknown: set("policyArn", UNKNOWN),
});

describeRule({
  policy: iamNoElevatedManagedPolicies,
  valid: set("managedPolicyArns", ["arn:aws:iam::123456789012:policy/lake-read"])(role),
  violations: [
    [
      "AdministratorAccess in managedPolicyArns",
      set("managedPolicyArns[1]", "arn:aws:iam::aws:policy/AdministratorAccess"),
      /AdministratorAccess/,
    ],
  ],
  unknown: set("managedPolicyArns", UNKNOWN),
});

describeRule({
  policy: iamAwsManagedPolicies,
  valid: attachment,
  violations: [
    [
      "an AWS managed policy",
      set("policyArn", "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"),
      /AWSGlueServiceRole/,
    ],
  ],
  unknown: set("policyArn", UNKNOWN),
});
