import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { validateResourceOfType, type ResourceValidation } from "@pulumi/policy";
import { findWildcardGrants, type PolicyDocument } from "@lake/lake-components";
import {
  documentObject,
  isWildcardPrincipal,
  reportAllowProblems,
  reportDocumentProblems,
} from "../documents.js";
import { documentValidations } from "../policy-documents.js";
import { resourcePolicy } from "../policy.js";

export const iamNoWildcardGrant = resourcePolicy({
  name: "iam-no-wildcard-grant",
  description:
    'No identity, trust or resource policy allows "*" or "<service>:*" on resource "*", or the same through NotAction / NotResource (findWildcardGrants, the check the stacks\' tests run).',
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-IAM5", "cfn_nag F4", "cfn_nag F5", "cfn_nag W12", "cfn_nag W13"],
  validateResource: documentValidations(["identity", "trust", "resource"], (doc, report) => {
    reportDocumentProblems(doc.value, doc.where, report, (value) =>
      findWildcardGrants(documentObject(value) as PolicyDocument).map(
        (g) => `${g.sid ? `statement "${g.sid}"` : `statement ${g.index}`} allows ${g.reason}`,
      ),
    );
  }),
});

const isFullAccess = (action: string) => action === "*" || /^[a-z0-9-]+:\*$/i.test(action);

export const iamNoFullAccess = resourcePolicy({
  name: "iam-no-full-access",
  description:
    'No identity policy (inline or managed) allows every action of a service ("*" or "<service>:*") on any resource, or uses NotAction in an Allow: grant the actions the principal needs.',
  enforcementLevel: "mandatory",
  nagIds: [
    "IAMPolicyNoStatementsWithFullAccess",
    "IAMPolicyNoStatementsWithAdminAccess",
    "cfn_nag W15",
    "cfn_nag W16",
    "cfn_nag W17",
  ],
  validateResource: documentValidations(["identity"], (doc, report) => {
    reportAllowProblems(doc.value, doc.where, report, (s, label) => {
      if (s.hasNotAction) return [`${label} allows every action but a list (NotAction)`];
      const full = s.actions.filter(isFullAccess);
      return full.length > 0 ? [`${label} allows ${full.join(", ")}`] : [];
    });
  }),
});

export const iamTrustPolicySpecificPrincipal = resourcePolicy({
  name: "iam-trust-policy-specific-principal",
  description:
    'Role trust policies allow named principals only: no principal "*", no NotPrincipal, and no wildcard action ("*", "sts:*").',
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag F2", "cfn_nag F6", "cfn_nag W14"],
  validateResource: documentValidations(["trust"], (doc, report) => {
    reportAllowProblems(doc.value, doc.where, report, (s, label) => {
      const problems: string[] = [];
      if (s.hasNotPrincipal) problems.push(`${label} trusts everyone but a list (NotPrincipal)`);
      if (isWildcardPrincipal(s.principal)) problems.push(`${label} trusts principal "*"`);
      const wildcard = s.actions.filter((a) => a === "*" || a.toLowerCase() === "sts:*");
      if (wildcard.length > 0 || s.hasNotAction) {
        problems.push(`${label} allows ${s.hasNotAction ? "NotAction" : wildcard.join(", ")}`);
      }
      return problems;
    });
  }),
});

export const iamPassRoleScoped = resourcePolicy({
  name: "iam-pass-role-scoped",
  description:
    'No identity policy allows iam:PassRole on resource "*": name the roles a principal may hand to a service.',
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag F38", "cfn_nag F39", "cfn_nag F40"],
  validateResource: documentValidations(["identity"], (doc, report) => {
    reportAllowProblems(doc.value, doc.where, report, (s, label) => {
      const passRole = s.actions.some((a) => /^iam:Pass(Role|\*)$/i.test(a));
      const anyResource = s.resources.includes("*") || s.hasNotResource;
      return passRole && anyResource ? [`${label} allows iam:PassRole on every role`] : [];
    });
  }),
});

/** AWS managed policies that grant administration or a whole service (cfn_nag W43 and W44's elevated list). */
function elevatedPolicy(arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!match?.[1]) return undefined;
  const name = match[1];
  return ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"].includes(name) ||
    /FullAccess$/.test(name)
    ? name
    : undefined;
}

const isAwsManaged = (arn: string) => /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);

/** One validation per way @pulumi/aws attaches managed policies, each handing `check` the attached ARNs. */
function attachmentValidations(check: (arns: readonly string[], report: (m: string) => void) => void) {
  const of = <TArgs>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    cls: { new (name: string, args: TArgs, ...rest: any[]): pulumi.Resource },
    arns: (props: pulumi.Unwrap<NonNullable<TArgs>>) => readonly (string | undefined)[] | undefined,
  ): ResourceValidation =>
    validateResourceOfType(cls, (props, _args, report) =>
      check(
        (arns(props) ?? []).filter((a): a is string => typeof a === "string"),
        (m) => report(m),
      ),
    );
  return [
    of(aws.iam.RolePolicyAttachment, (p) => [p.policyArn]),
    of(aws.iam.UserPolicyAttachment, (p) => [p.policyArn]),
    of(aws.iam.GroupPolicyAttachment, (p) => [p.policyArn]),
    of(aws.iam.PolicyAttachment, (p) => [p.policyArn]),
    of(aws.iam.RolePolicyAttachmentsExclusive, (p) => p.policyArns),
    of(aws.iam.UserPolicyAttachmentsExclusive, (p) => p.policyArns),
    of(aws.iam.GroupPolicyAttachmentsExclusive, (p) => p.policyArns),
    of(aws.iam.Role, (p) => p.managedPolicyArns),
  ];
}

export const iamNoElevatedManagedPolicies = resourcePolicy({
  name: "iam-no-elevated-managed-policies",
  description:
    "No role, user or group is attached AdministratorAccess, PowerUserAccess, IAMFullAccess or another AWS managed *FullAccess policy.",
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag W43", "cfn_nag W44"],
  validateResource: attachmentValidations((arns, report) => {
    for (const arn of arns) {
      const elevated = elevatedPolicy(arn);
      if (elevated) report(`attaches the AWS managed policy ${elevated}`);
    }
  }),
});

export const iamAwsManagedPolicies = resourcePolicy({
  name: "iam-aws-managed-policies",
  description:
    "AWS managed policies are written for every account and change without notice; prefer a policy scoped to this lake's resources.",
  enforcementLevel: "advisory",
  nagIds: ["AwsSolutions-IAM4"],
  validateResource: attachmentValidations((arns, report) => {
    for (const arn of arns.filter(isAwsManaged)) report(`attaches the AWS managed policy ${arn}`);
  }),
});

export const iamPolicies = [
  iamNoWildcardGrant,
  iamNoFullAccess,
  iamTrustPolicySpecificPrincipal,
  iamPassRoleScoped,
  iamNoElevatedManagedPolicies,
  iamAwsManagedPolicies,
];
