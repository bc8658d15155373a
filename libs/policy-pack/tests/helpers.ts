// Table-driven tests of the rules: each starts from a valid resource (or stack) and changes one property.
import { describe, expect, it } from "vitest";
import {
  runResourcePolicies,
  runStackPolicies,
  type Finding,
  type PackConfig,
  type PolicyInput,
} from "../src/evaluate.js";
import type { LakePolicy } from "../src/policy.js";
import { UNKNOWN_VALUE } from "../src/preview-values.js";

/** The value the engine sends for a property that is unknown during preview. */
export const UNKNOWN = UNKNOWN_VALUE;

export function resource(type: string, name: string, props: Record<string, unknown>): PolicyInput {
  return { urn: `urn:pulumi:dev::test::${type}::${name}`, type, name, parent: null, props };
}

/** `path` like `configuration.resultConfiguration.encryptionConfiguration` or `rules[0].status`. */
function pathParts(path: string): (string | number)[] {
  return path
    .split(/\.|(?=\[)/)
    .map((p) => (p.startsWith("[") ? Number(p.slice(1, -1)) : p))
    .filter((p) => p !== "");
}

/** A deep copy of `value` with the property at `path` set to `to`; `undefined` removes it. */
export function changed<T>(value: T, path: string, to: unknown): T {
  const copy = structuredClone(value) as unknown;
  const parts = pathParts(path);
  let target = copy as Record<string | number, unknown>;
  for (const part of parts.slice(0, -1)) {
    if (target[part] === undefined || target[part] === null) target[part] = {};
    target = target[part] as Record<string | number, unknown>;
  }
  const last = parts[parts.length - 1] as string | number;
  if (to === undefined) delete target[last];
  else target[last] = to;
  return copy as T;
}

/** A stack with the property at `path` of the resource named `name` set to `to` (`undefined` removes it). */
export function changedIn(
  stack: readonly PolicyInput[],
  name: string,
  path: string,
  to: unknown,
): PolicyInput[] {
  if (!stack.some((r) => r.name === name)) throw new Error(`no resource ${name} in the test stack`);
  return stack.map((r) => (r.name === name ? { ...r, props: changed(r.props, path, to) } : r));
}

export function without(stack: readonly PolicyInput[], name: string): PolicyInput[] {
  if (!stack.some((r) => r.name === name)) throw new Error(`no resource ${name} in the test stack`);
  return stack.filter((r) => r.name !== name);
}

const isStack = (p: LakePolicy) => "validateStack" in p;

function isInputList(subject: PolicyInput | readonly PolicyInput[]): subject is readonly PolicyInput[] {
  return Array.isArray(subject);
}

export async function findingsOf(
  policy: LakePolicy,
  subject: PolicyInput | readonly PolicyInput[],
  config: PackConfig = {},
): Promise<Finding[]> {
  if (isStack(policy)) return runStackPolicies([policy], isInputList(subject) ? subject : [subject], config);
  const resources: readonly PolicyInput[] = isInputList(subject) ? subject : [subject];
  const all: Finding[] = [];
  for (const r of resources) all.push(...(await runResourcePolicies([policy], r, config)));
  return all;
}

/** One finding of the policy's own level that matches `message`, and nothing else. */
export function expectViolation(findings: readonly Finding[], policy: LakePolicy, message: RegExp): void {
  expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(message)]);
  expect(findings[0]).toMatchObject({
    policy: policy.name,
    level: policy.enforcementLevel,
    undecided: false,
  });
}

/** One advisory finding saying the policy cannot decide before the update. */
export function expectUndecided(findings: readonly Finding[], policy: LakePolicy): void {
  expect(findings).toEqual([
    expect.objectContaining({ policy: policy.name, level: "advisory", undecided: true }),
  ]);
  expect(findings[0]?.message).toMatch(/cannot decide during preview: .* can't be known during preview/);
}

export interface RuleCases<S> {
  readonly policy: LakePolicy;
  /** A subject the rule passes: one resource for a resource rule, the resources of a stack for a stack rule. */
  readonly valid: S;
  /** Each change that breaks the rule, and the message it must give. */
  readonly violations: readonly (readonly [what: string, change: (valid: S) => S, message: RegExp])[];
  /** Changes the rule does not apply to, or accepts: no finding. */
  readonly accepted?: readonly (readonly [what: string, change: (valid: S) => S])[];
  /** A change that makes a value the rule reads unknown: the rule must say it cannot decide. */
  readonly unknown: (valid: S) => S;
  readonly config?: PackConfig;
}

/** The happy path, one test per violation, the accepted variants and the unknown-at-preview case of one rule. */
export function describeRule<S extends PolicyInput | readonly PolicyInput[]>(cases: RuleCases<S>): void {
  const { policy, valid, config } = cases;
  describe(policy.name, () => {
    it("passes the valid subject", async () => {
      expect(await findingsOf(policy, valid, config)).toEqual([]);
    });
    it.each(cases.violations.map(([what, change, message]) => ({ what, change, message })))(
      "reports $what",
      async ({ change, message }) => {
        expectViolation(await findingsOf(policy, change(valid), config), policy, message);
      },
    );
    if (cases.accepted && cases.accepted.length > 0) {
      it.each(cases.accepted.map(([what, change]) => ({ what, change })))(
        "accepts $what",
        async ({ change }) => {
          expect(await findingsOf(policy, change(valid), config)).toEqual([]);
        },
      );
    }
    it("says it cannot decide when a value it reads is unknown at preview", async () => {
      expectUndecided(await findingsOf(policy, cases.unknown(valid), config), policy);
    });
  });
}

/** `change` for a resource rule: the valid resource with one property set (`undefined` removes it). */
export const set =
  (path: string, to: unknown) =>
  (r: PolicyInput): PolicyInput => ({ ...r, props: changed(r.props, path, to) });

/** `change` for a stack rule: one property of one resource of the stack set (`undefined` removes it). */
export const setIn =
  (name: string, path: string, to: unknown) =>
  (stack: readonly PolicyInput[]): PolicyInput[] =>
    changedIn(stack, name, path, to);

/** `change` for a stack rule: one resource of the stack removed. */
export const remove =
  (name: string) =>
  (stack: readonly PolicyInput[]): PolicyInput[] =>
    without(stack, name);

/** `change` for a stack rule: one resource added. */
export const add =
  (extra: PolicyInput) =>
  (stack: readonly PolicyInput[]): PolicyInput[] => [...stack, extra];
