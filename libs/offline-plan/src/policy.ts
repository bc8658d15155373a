import { findWildcardGrants } from "@lake/lake-components";
import type { Plan, PlanValue } from "./model.js";

export interface PolicyFinding {
  readonly urn: string;
  /** Where in the inputs the document is: `policy`, `assumeRolePolicy`, `inlinePolicies[0].policy`. */
  readonly path: string;
  readonly reason: string;
}

/** Every string in `value` that is a policy document (JSON with a Statement), with its path. */
export function policyDocumentsIn(value: PlanValue, path = ""): { path: string; json: string }[] {
  if (typeof value === "string") {
    if (!value.includes('"Statement"')) return [];
    try {
      const parsed = JSON.parse(value) as { Statement?: unknown };
      return parsed && typeof parsed === "object" && "Statement" in parsed ? [{ path, json: value }] : [];
    } catch {
      return [];
    }
  }
  if (Array.isArray(value))
    return value.flatMap((v: PlanValue, i: number) => policyDocumentsIn(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    const record = value as { readonly [key: string]: PlanValue };
    return Object.keys(record).flatMap((k) =>
      policyDocumentsIn(record[k] as PlanValue, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

/**
 * The wildcard grants (an Allow of `*` or `service:*` on resource `*`, or NotAction/NotResource equivalents) in
 * every policy document of a plan: IAM role and inline policies, trust policies, bucket, key and queue policies.
 */
export function planWildcardGrants(plan: Plan): PolicyFinding[] {
  return plan.resources.flatMap((r) =>
    policyDocumentsIn(r.inputs).flatMap((doc) =>
      findWildcardGrants(doc.json).map((g) => ({ urn: r.urn, path: doc.path, reason: g.reason })),
    ),
  );
}
