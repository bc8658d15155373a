import * as pulumi from "@pulumi/pulumi";
import { createPlanMocks, type PlanMocksOptions } from "./mocks.js";
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
  readonly stackOutputs: PlanMocksOptions["stackOutputs"];
  /** Runs the Pulumi program and returns its stack outputs (the module's exports). */
  readonly program: () => Promise<Record<string, unknown>>;
}

interface WireStruct {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getObject?(): WireStruct | undefined;
  getProperties?(): WireStruct | undefined;
}
interface UrnResponse {
  getUrn(): string;
}
type MonitorMethod = (req: RegisterRequest, callback: (err: unknown, resp?: UrnResponse) => void) => unknown;
type CapturingMonitor = { registerResource: MonitorMethod; readResource: MonitorMethod };

/**
 * Records every resource the program registers, as the engine would see it: the URN the monitor assigned, the
 * parent URN and the serialized inputs (where secrets and unknowns are still marked, unlike in the mocks' view).
 */
function captureRegistrations(monitor: CapturingMonitor, sink: PlanResource[]): void {
  const wrap = (
    method: MonitorMethod,
    inputsOf: (req: RegisterRequest) => WireStruct | undefined,
  ): MonitorMethod => {
    return (req, callback) =>
      method(req, (err, resp) => {
        if (!err && resp) {
          sink.push({
            urn: resp.getUrn(),
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent() || null,
            inputs: renderWireValue(inputsOf(req)?.toJavaScript() ?? {}),
          });
        }
        callback(err, resp);
      });
  };
  monitor.registerResource = wrap(monitor.registerResource.bind(monitor), (req) => req.getObject?.());
  monitor.readResource = wrap(monitor.readResource.bind(monitor), (req) => req.getProperties?.());
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
  const onFailure = (err: unknown) => failures.push(describeError(err));
  process.on("unhandledRejection", onFailure);
  process.on("uncaughtException", onFailure);
  const restoreStackTraces = withoutStackTraces();
  try {
    pulumi.runtime.setAllConfig({ ...options.config }, [...(options.secretKeys ?? [])]);
    const region = options.config["aws:region"];
    if (!region) throw new PlanEvaluationError(project, stack, ["config has no aws:region"]);
    await pulumi.runtime.setMocks(
      createPlanMocks({ region, stackOutputs: options.stackOutputs }),
      project,
      stack,
      false,
      options.organization ?? "organization",
    );
    const resources: PlanResource[] = [];
    captureRegistrations(pulumi.runtime.getMonitor() as unknown as CapturingMonitor, resources);

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
    await pulumi.runtime.disconnect();
    // Rejections surface on the next turns of the event loop; give them one before deciding.
    await new Promise((resolve) => setImmediate(resolve));
    if (failures.length > 0) throw new PlanEvaluationError(project, stack, failures);
    return { project, stack, resources: checkUniqueUrns(project, stack, resources), outputs };
  } finally {
    restoreStackTraces();
    process.off("unhandledRejection", onFailure);
    process.off("uncaughtException", onFailure);
  }
}

/**
 * The Pulumi SDK records a stack trace for every promise it tracks and every resource it registers (for leak
 * reports and source positions, which a plan does not show). Formatting those traces, through source maps under
 * tsx, was most of a plan's time; during an evaluation errors keep their message and lose their frames.
 */
function withoutStackTraces(): () => void {
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
