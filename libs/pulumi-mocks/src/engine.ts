// One mocked Pulumi engine for every evaluation of a program outside the real engine: the offline plan, the stack
// tests and the component tests. It sets the configuration as the engine would hand it over, answers resources
// and provider functions from the one state table, feeds StackReferences, and records every registration the
// way the engine sees it (URN, parent, serialized inputs with secrets still marked) and the way a test wants it
// (deserialized inputs and state, protect, retainOnDelete).
import * as pulumi from "@pulumi/pulumi";
import { mockCall } from "./calls.js";
import { MOCK_ACCOUNT, MOCK_REGION, mockResourceState } from "./resource-state.js";

/** Outputs of an upstream stack, by the name the program passes to `new pulumi.StackReference(name)`. */
export type StackOutputsLookup = (stackName: string) => Readonly<Record<string, unknown>>;

export interface EngineOptions {
  /** What `pulumi.getProject()` / `getStack()` return. */
  readonly project: string;
  readonly stack: string;
  /** Defaults to "organization", the organization of Pulumi's self-managed backends. */
  readonly organization?: string;
  /** Fully qualified keys (`infra-bronze:retentionDays`, `aws:region`) to string values, as the engine passes them. */
  readonly config?: Readonly<Record<string, string>>;
  /** Keys of `config` whose values are Pulumi secrets. */
  readonly secretKeys?: readonly string[];
  /** Defaults to the config's `aws:region`, else eu-west-1. */
  readonly region?: string;
  /** Defaults to none: a StackReference then fails, naming the stack it asked for. */
  readonly stackOutputs?: StackOutputsLookup;
}

/** One resource as the program registered it. */
export interface Registration {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent resource; null for resources at the top of the stack. */
  readonly parent: string | null;
  /** False for component resources. */
  readonly custom: boolean;
  /** The inputs as serialized for the engine: secrets, unknowns, assets and resource references still marked. */
  readonly wireInputs: Record<string, unknown>;
  /** The inputs as plain values (secrets unwrapped), deserialized on first use. */
  readonly inputs: Record<string, unknown>;
  /** The id the mocked provider answered ("" for components). */
  readonly id: string;
  /** The outputs the mocked provider answered, deserialized on first use. */
  readonly state: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
}

/** Every resource registered since the last `startEngine`, in registration order. */
export const registrations: Registration[] = [];

interface WireStruct {
  toJavaScript(): Record<string, unknown>;
}
type Struct = Parameters<typeof pulumi.runtime.deserializeProperties>[0];
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom?(): boolean;
  getProtect?(): boolean;
  getRetainondelete?(): boolean;
  getObject?(): (WireStruct & Struct) | undefined;
  getProperties?(): (WireStruct & Struct) | undefined;
}
interface RegisterResponse {
  getUrn(): string;
  getId?(): string;
  getObject?(): (WireStruct & Struct) | undefined;
  getProperties?(): (WireStruct & Struct) | undefined;
}
type MonitorMethod = (
  req: RegisterRequest,
  callback: (err: unknown, resp?: RegisterResponse) => void,
) => unknown;
type CapturingMonitor = { registerResource: MonitorMethod; readResource: MonitorMethod };

// The wire format's marker of a secret value (see @pulumi/pulumi runtime/rpc).
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SIG_SECRET = "1b47061264138c4ac30d75fd1eb44270";

/** Deserialized values keep secrets wrapped in their marker object; a test wants the value itself. */
function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== "object" || pulumi.Output.isInstance(value)) return value;
  const record = value as Record<string, unknown>;
  if (record[SIG_KEY] === SIG_SECRET) return unwrapSecrets(record["value"]);
  if (Object.getPrototypeOf(record) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
}

function lazy<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

function registration(req: RegisterRequest, resp: RegisterResponse, read: boolean): Registration {
  const wireInputs = (read ? req.getProperties?.() : req.getObject?.())?.toJavaScript() ?? {};
  const inputStruct = read ? req.getProperties?.() : req.getObject?.();
  const stateStruct = read ? resp.getProperties?.() : resp.getObject?.();
  // Deserializing every resource costs time at scale (the plan benchmark registers thousands): only on use.
  const plain = (struct: Struct | undefined) =>
    (struct ? unwrapSecrets(pulumi.runtime.deserializeProperties(struct)) : {}) as Record<string, unknown>;
  const inputs = lazy(() => plain(inputStruct));
  const state = lazy(() => plain(stateStruct));
  return {
    urn: resp.getUrn(),
    type: req.getType(),
    name: req.getName(),
    parent: req.getParent() || null,
    custom: read ? true : (req.getCustom?.() ?? false),
    wireInputs,
    get inputs() {
      return inputs();
    },
    id: resp.getId?.() ?? "",
    get state() {
      return state();
    },
    protect: req.getProtect?.() ?? false,
    retainOnDelete: req.getRetainondelete?.() ?? false,
  };
}

function capture(monitor: CapturingMonitor): void {
  const wrap = (method: MonitorMethod, read: boolean): MonitorMethod => {
    return (req, callback) =>
      method(req, (err, resp) => {
        if (!err && resp) registrations.push(registration(req, resp, read));
        callback(err, resp);
      });
  };
  monitor.registerResource = wrap(monitor.registerResource.bind(monitor), false);
  monitor.readResource = wrap(monitor.readResource.bind(monitor), true);
}

function mocks(region: string, stackOutputs: StackOutputsLookup | undefined): pulumi.runtime.Mocks {
  return {
    newResource({ type, name, inputs }) {
      if (type === "pulumi:pulumi:StackReference") {
        const given = (inputs as Record<string, unknown>)["name"];
        const stackName = typeof given === "string" ? given : name;
        if (!stackOutputs) throw new Error(`no outputs are given for the StackReference ${stackName}`);
        return {
          id: stackName,
          state: { name: stackName, outputs: stackOutputs(stackName), secretOutputNames: [] },
        };
      }
      return mockResourceState(type, name, inputs as Record<string, unknown>, region, MOCK_ACCOUNT);
    },
    call: ({ token, inputs }) => mockCall(token, inputs as Record<string, unknown>, region),
  };
}

/** What went wrong while a program registered its resources: each failed registration or rejected output. */
export class EvaluationFailed extends Error {
  constructor(readonly causes: readonly string[]) {
    super(`the program failed to evaluate:\n${causes.map((c) => `  - ${c}`).join("\n")}`);
    this.name = "EvaluationFailed";
  }
}

// A failed registration (a missing StackReference output, a ResourceError raised in an apply) reaches the
// program as an unhandled rejection, not as an exception: the evaluation collects them and reports them together.
let failures: string[] = [];
const onFailure = (err: unknown) => failures.push(err instanceof Error ? err.message : String(err));
function watchFailures(on: boolean): void {
  process.off("unhandledRejection", onFailure);
  process.off("uncaughtException", onFailure);
  if (on) {
    process.on("unhandledRejection", onFailure);
    process.on("uncaughtException", onFailure);
  }
}

/**
 * Sets the configuration and the mocks (preview=false, so every output resolves) and forgets what was
 * registered before. Await it before the program creates a resource: one created earlier goes to no engine.
 * The Pulumi runtime is process-global: one evaluation at a time.
 */
export async function startEngine(options: EngineOptions): Promise<void> {
  const config = options.config ?? {};
  const region = options.region ?? config["aws:region"] ?? MOCK_REGION;
  registrations.length = 0;
  failures = [];
  watchFailures(true);
  pulumi.runtime.setAllConfig({ ...config }, [...(options.secretKeys ?? [])]);
  await pulumi.runtime.setMocks(
    mocks(region, options.stackOutputs),
    options.project,
    options.stack,
    false,
    options.organization ?? "organization",
  );
  capture(pulumi.runtime.getMonitor() as unknown as CapturingMonitor);
}

/**
 * Waits until every resource of the evaluation is registered, then rejects with an EvaluationFailed that lists
 * every failure of the evaluation, if there was one.
 */
export async function finishEngine(): Promise<void> {
  try {
    await pulumi.runtime.disconnect();
  } catch (err) {
    onFailure(err);
  }
  // Rejections surface on the next turns of the event loop; give them one before deciding.
  await new Promise((resolve) => setImmediate(resolve));
  watchFailures(false);
  if (failures.length > 0) throw new EvaluationFailed([...new Set(failures)]);
}

/** The value an output resolves to under the mocks. */
export function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((ok) => output.apply((v) => ok(v)));
}
