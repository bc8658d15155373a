// Where policy documents live in @pulumi/aws 7.48 resource inputs, by kind: identity policies (what a role, user or
// group may do), trust policies (who may assume a role) and resource policies (who may use a bucket, key, queue...).
// Rules read exactly these properties, so a resource with an unknown property elsewhere is still decided.
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { validateResourceOfType, type ResourceValidation } from "@pulumi/policy";

export type DocumentKind = "identity" | "trust" | "resource";

export interface FoundDocument {
  readonly kind: DocumentKind;
  /** How messages name the document: `the inline policy "read"`, `the trust policy`. */
  readonly where: string;
  readonly value: unknown;
}

interface Site {
  readonly kinds: readonly DocumentKind[];
  validation(kinds: readonly DocumentKind[], check: DocumentCheck): ResourceValidation;
}

type DocumentCheck = (document: FoundDocument, report: (message: string) => void) => void;

function site<TArgs>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  cls: { new (name: string, args: TArgs, ...rest: any[]): pulumi.Resource },
  kinds: readonly DocumentKind[],
  documents: (props: pulumi.Unwrap<NonNullable<TArgs>>) => FoundDocument[],
): Site {
  return {
    kinds,
    validation: (wanted, check) =>
      validateResourceOfType(cls, (props, _args, report) => {
        for (const doc of documents(props)) {
          if (wanted.includes(doc.kind)) check(doc, (message) => report(message));
        }
      }),
  };
}

const identity = (value: unknown, where = "the policy"): FoundDocument => ({
  kind: "identity",
  where,
  value,
});
const resource = (value: unknown, where: string): FoundDocument => ({ kind: "resource", where, value });

const SITES: readonly Site[] = [
  site(aws.iam.Role, ["trust", "identity"], (role) => [
    { kind: "trust", where: "the trust policy", value: role.assumeRolePolicy },
    ...(role.inlinePolicies ?? []).map((p, i) => identity(p.policy, `the inline policy "${p.name ?? i}"`)),
  ]),
  site(aws.iam.RolePolicy, ["identity"], (p) => [identity(p.policy)]),
  site(aws.iam.Policy, ["identity"], (p) => [identity(p.policy)]),
  site(aws.iam.UserPolicy, ["identity"], (p) => [identity(p.policy)]),
  site(aws.iam.GroupPolicy, ["identity"], (p) => [identity(p.policy)]),
  site(aws.s3.BucketPolicy, ["resource"], (p) => [resource(p.policy, "the bucket policy")]),
  site(aws.kms.Key, ["resource"], (k) => [resource(k.policy, "the key policy")]),
  site(aws.kms.KeyPolicy, ["resource"], (p) => [resource(p.policy, "the key policy")]),
  site(aws.sqs.Queue, ["resource"], (q) => [resource(q.policy, "the queue policy")]),
  site(aws.sqs.QueuePolicy, ["resource"], (p) => [resource(p.policy, "the queue policy")]),
  site(aws.sns.Topic, ["resource"], (t) => [resource(t.policy, "the topic policy")]),
  site(aws.sns.TopicPolicy, ["resource"], (p) => [resource(p.policy, "the topic policy")]),
  site(aws.glue.ResourcePolicy, ["resource"], (p) => [resource(p.policy, "the catalog resource policy")]),
  site(aws.kinesis.ResourcePolicy, ["resource"], (p) => [resource(p.policy, "the stream resource policy")]),
  site(aws.secretsmanager.SecretPolicy, ["resource"], (p) => [resource(p.policy, "the secret policy")]),
];

/** One validation per resource type holding documents of `kinds`; `check` sees each such document that is set. */
export function documentValidations(
  kinds: readonly DocumentKind[],
  check: DocumentCheck,
): ResourceValidation[] {
  return SITES.filter((s) => s.kinds.some((k) => kinds.includes(k))).map((s) =>
    s.validation(kinds, (doc, report) => {
      if (doc.value !== undefined && doc.value !== null && doc.value !== "") check(doc, report);
    }),
  );
}
