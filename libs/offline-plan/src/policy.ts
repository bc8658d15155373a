import { wildcardGrantsIn } from "@lake/lake-components";
import type { Plan } from "./model.js";

export interface PolicyFinding {
  readonly urn: string;
  /** Where in the inputs the document is: `policy`, `assumeRolePolicy`, `inlinePolicies[0].policy`. */
  readonly path: string;
  readonly reason: string;
}

/**
 * The wildcard grants (an Allow of `*` or `service:*` on resource `*`, or NotAction/NotResource equivalents) in
 * every policy document of a plan: IAM role and inline policies, trust policies, bucket, key and queue policies.
 */
export function planWildcardGrants(plan: Plan): PolicyFinding[] {
  return wildcardGrantsIn(plan.resources).map((g) => ({
    urn: g.resource.urn,
    path: g.path,
    reason: g.reason,
  }));
}
