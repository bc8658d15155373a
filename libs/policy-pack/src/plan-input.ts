// The offline plans (`dist/plan/<app>.<stack>.json`, written by @lake/offline-plan) as the resources a policy sees.
// A plan records each resource's inputs as the engine received them, with `[unknown]` for a value unknown at that
// point and `[secret]` for a secret; the mocks echo inputs as outputs, so inputs stand in for the outputs a stack
// policy reads in a real preview. A StackReference gets the outputs of the plan it references, as the engine
// reads them from the referenced stack.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePlanJson } from "@lake/offline-plan";
import type { PolicyInput } from "./evaluate.js";
import { UNKNOWN_VALUE } from "./preview-values.js";

/** The plan writer's marker for a value that was unknown when the resource was registered. */
export const PLAN_UNKNOWN = "[unknown]";

export interface PlannedStack {
  readonly file: string;
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly PolicyInput[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** Plan values with `[unknown]` replaced by the sentinel the engine sends for unknowns. */
export function withEngineUnknowns(value: unknown): unknown {
  if (value === PLAN_UNKNOWN) return UNKNOWN_VALUE;
  if (Array.isArray(value)) return value.map(withEngineUnknowns);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withEngineUnknowns(v)]));
  }
  return value;
}

/** One plan file (read and checked by the offline plan's own reader), as the policies see it. */
export function parsePlan(text: string, file: string): PlannedStack {
  const plan = parsePlanJson(text, file);
  return {
    file,
    project: plan.project,
    stack: plan.stack,
    resources: plan.resources.map((r): PolicyInput => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      props: (withEngineUnknowns(r.inputs ?? {}) ?? {}) as Record<string, unknown>,
    })),
    outputs: plan.outputs,
  };
}

const STACK_REFERENCE = "pulumi:pulumi:StackReference";

/**
 * StackReference resources with the `outputs` of the plan they name (`<organization>/<project>/<stack>`), which
 * the plan records only as an input `name`; a reference to a stack without a plan keeps no outputs.
 */
export function withReferencedOutputs(plan: PlannedStack, all: readonly PlannedStack[]): PlannedStack {
  const resources = plan.resources.map((r) => {
    if (r.type !== STACK_REFERENCE) return r;
    const given: unknown = r.props["name"];
    const [, project, stack] = (typeof given === "string" ? given : r.name).split("/");
    const upstream = all.find((p) => p.project === project && p.stack === stack);
    return upstream ? { ...r, props: { ...r.props, outputs: withEngineUnknowns(upstream.outputs) } } : r;
  });
  return { ...plan, resources };
}

/** Every plan in `dir` (the `.json` files, by name), with StackReferences answered from each other. */
export function readPlans(dir: string): PlannedStack[] {
  const plans = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => parsePlan(readFileSync(join(dir, f), "utf8"), f));
  return plans.map((p) => withReferencedOutputs(p, plans));
}
