import { describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "../src/model.js";
import { planWildcardGrants } from "../src/policy.js";

const doc = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const scoped = doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] });
const wildcard = doc({ Sid: "All", Effect: "Allow", Action: ["s3:*"], Resource: ["*"] });
const denyAll = doc({ Effect: "Deny", Action: ["*"], Resource: ["*"] });

function plan(resources: Partial<PlanResource>[]): Plan {
  return {
    project: "p",
    stack: "dev",
    outputs: {},
    resources: resources.map((r, i) => ({
      urn: `urn:${i}`,
      type: "t",
      name: `r${i}`,
      parent: null,
      inputs: {},
      ...r,
    })),
  };
}

describe("planWildcardGrants", () => {
  it.each([
    ["a scoped policy", { policy: scoped }, []],
    ["a Deny of everything", { policy: denyAll }, []],
    [
      "s3:* on *",
      { policy: wildcard },
      [{ urn: "urn:0", path: "policy", reason: "action s3:* on resource *" }],
    ],
    [
      "a wildcard in an inline policy",
      { inlinePolicies: [{ policy: wildcard }] },
      [{ urn: "urn:0", path: "inlinePolicies[0].policy", reason: "action s3:* on resource *" }],
    ],
  ])("reports %s", (_what, inputs, expected) => {
    expect(planWildcardGrants(plan([{ inputs }]))).toEqual(expected);
  });
});
