// The policy documents a mocked evaluation registered, and the wildcard grants among them: a stack's tests run
// this over every resource so no component, however composed, grants a wildcard action on a wildcard resource.
import { findWildcardGrants } from "../iam/policy-document.js";
import { registered, type Registered } from "./mocks.js";

/** Inputs that hold an IAM-style policy document: role, bucket, key and queue policies and trust policies. */
const POLICY_FIELDS = ["policy", "assumeRolePolicy"];

/** Every policy document among `resources` (default: everything registered), with where it is. */
export function policyDocuments(
  resources: readonly Registered[] = registered,
): { resource: string; field: string; json: string }[] {
  return resources.flatMap((r) =>
    POLICY_FIELDS.filter(
      (f) => typeof r.inputs[f] === "string" && (r.inputs[f] as string).includes('"Statement"'),
    ).map((f) => ({ resource: `${r.type} ${r.name}`, field: f, json: r.inputs[f] as string })),
  );
}

/** Policy documents that grant a wildcard action on a wildcard resource, with where they are; [] when none do. */
export function wildcardGrants(
  resources: readonly Registered[] = registered,
): { where: string; reasons: string[] }[] {
  return policyDocuments(resources)
    .map((doc) => ({
      where: `${doc.resource} ${doc.field}`,
      reasons: findWildcardGrants(doc.json).map((g) => g.reason),
    }))
    .filter((found) => found.reasons.length > 0);
}
