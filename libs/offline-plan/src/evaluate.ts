import * as pulumi from "@pulumi/pulumi";
import {
  EvaluationFailed,
  finishEngine,
  registrations,
  startEngine,
  type StackOutputsLookup,
} from "@lake/pulumi-mocks";
import type { Plan, PlanResource, PlanValue } from "./model.js";
import { renderWireValue } from "./render-value.js";
import { compareStrings } from "./format.js";

export interface EvaluateOptions {
  readonly project: string;
  readonly stack: string;
  /** Defaults to "organization", the organization of Pulumi's self-managed backends. */
  readonly organization?: string;
  /** Fully qualified keys (`infra-bronze:retentionDays`, `aws:region`) to string values, as `Pulumi.<stack>.yaml`. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys?: readonly string[];
  /** Outputs of an upstream stack by StackReference name; throws, naming the missing plan, when there is none. */
  readonly stackOutputs: StackOutputsLookup;
  /** Runs the Pulumi program and returns its stack outputs (the module's exports). */
  readonly program: () => Promise<Record<string, unknown>>;
}

export class PlanEvaluationError extends Error {
  constructor(
    readonly project: string,
    readonly stackName: string,
    readonly causes: readonly string[],
  ) {
    super(`${project} (stack ${stackName}) failed to evaluate:\n${causes.map((c) => `  - ${c}`).join("\n")}`);
    this.name = "PlanEvaluationError";
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * Evaluates a Pulumi program under `pulumi.runtime.setMocks` (not a preview, so every value is known) and returns
 * its plan. The Pulumi runtime is process-global: evaluate one stack per process, or stacks one after another.
 */
export async function evaluateStack(options: EvaluateOptions): Promise<Plan> {
  const { project, stack } = options;
  const failures: string[] = [];
  const restoreStackTraces = withoutStackTraces();
  try {
    const region = options.config["aws:region"];
    if (!region) throw new PlanEvaluationError(project, stack, ["config has no aws:region"]);
    await startEngine({
      project,
      stack,
      organization: options.organization,
      config: options.config,
      secretKeys: options.secretKeys,
      region,
      stackOutputs: options.stackOutputs,
    });

    let exportsOfProgram: Record<string, unknown> = {};
    try {
      exportsOfProgram = await options.program();
    } catch (err) {
      failures.push(describeError(err));
    }
    const outputs =
      failures.length === 0
        ? await renderOutputs(exportsOfProgram).catch((err) => {
            failures.push(describeError(err));
            return {};
          })
        : {};
    await finishEngine().catch((err: unknown) => {
      failures.push(...(err instanceof EvaluationFailed ? err.causes : [describeError(err)]));
    });
    // The plan shows the inputs as the engine receives them: secrets and unknowns still marked.
    const resources: PlanResource[] = registrations.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: renderWireValue(r.wireInputs),
    }));
    if (failures.length > 0) throw new PlanEvaluationError(project, stack, failures);
    return { project, stack, resources: checkUniqueUrns(project, stack, resources), outputs };
  } finally {
    restoreStackTraces();
  }
}

/**
 * The Pulumi SDK records a stack trace for every promise it tracks and every resource it registers (for leak
 * reports and source positions, which a plan does not show). Formatting those traces, through source maps under
 * tsx, was most of a plan's time; during an evaluation errors keep their message and lose their frames.
 */
function withoutStackTraces(): () => void {
  // Saved to be put back as they were, never called here.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { prepareStackTrace, stackTraceLimit } = Error;
  Error.prepareStackTrace = (err: Error) => `${err.name}: ${err.message}`;
  Error.stackTraceLimit = 0;
  return () => {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  };
}

function checkUniqueUrns(project: string, stack: string, resources: PlanResource[]): PlanResource[] {
  const sorted = [...resources].sort((a, b) => compareStrings(a.urn, b.urn));
  const duplicates = sorted.filter((r, i) => i > 0 && sorted[i - 1]?.urn === r.urn).map((r) => r.urn);
  if (duplicates.length > 0) {
    throw new PlanEvaluationError(
      project,
      stack,
      [...new Set(duplicates)].map(
        (urn) => `two resources have the URN ${urn}: give one of them another name`,
      ),
    );
  }
  return sorted;
}

/** Serializes the exports exactly as the engine would receive stack outputs, then renders them for the plan. */
async function renderOutputs(exportsOfProgram: Record<string, unknown>): Promise<Record<string, PlanValue>> {
  const names = Object.keys(exportsOfProgram)
    .filter((k) => k !== "default" && exportsOfProgram[k] !== undefined)
    .sort();
  const wire = await pulumi.runtime.serializeProperties(
    "stack outputs",
    Object.fromEntries(names.map((n) => [n, exportsOfProgram[n]])),
  );
  const rendered = renderWireValue(wire) as Record<string, PlanValue>;
  return rendered;
}
