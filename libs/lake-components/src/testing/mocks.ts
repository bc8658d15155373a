// Pulumi mocks with a record of every registered resource: its inputs, the id and state the mocks answered, and
// the options that keep data alive (protect, retainOnDelete), which the mocks' own callback never sees.
import * as pulumi from "@pulumi/pulumi";
import { MOCK_REGION, mockCall, mockResourceState } from "./mock-state.js";

export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly id: string;
  readonly state: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
}

/** Outputs of upstream stacks, by the name the program passes to `new pulumi.StackReference(name)`. */
export type UpstreamOutputs = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface MockOptions {
  /** The Pulumi project and stack `pulumi.getProject()` / `getStack()` return. */
  readonly project: string;
  readonly stack: string;
  /** Defaults to eu-west-1. */
  readonly region?: string;
  /** Defaults to none: a StackReference then fails, naming the stack it asked for. */
  readonly upstream?: UpstreamOutputs;
}

/** Every resource registered since the last `startMocks`, in registration order. */
export const registered: Registered[] = [];

type Struct = Parameters<typeof pulumi.runtime.deserializeProperties>[0];
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getObject(): Struct;
}
interface RegisterResponse {
  getId(): string;
  getObject(): Struct;
}
type Register = (req: RegisterRequest, cb: (err: unknown, resp: RegisterResponse) => void) => unknown;

function mocks(region: string, upstream: UpstreamOutputs): pulumi.runtime.Mocks {
  return {
    newResource({ type, name, inputs }) {
      if (type === "pulumi:pulumi:StackReference") {
        const stackName = String(inputs["name"]);
        const outputs = upstream[stackName];
        if (!outputs) throw new Error(`the test has no outputs for StackReference ${stackName}`);
        return { id: stackName, state: { name: stackName, outputs, secretOutputNames: [] } };
      }
      return mockResourceState(type, name, inputs as Record<string, unknown>, region);
    },
    call: ({ token }) => mockCall(token, region),
  };
}

/**
 * Sets the mocks (preview=false, so outputs resolve to the mocked state) and forgets what was registered before.
 * Await it before the code under test creates a resource: a resource created earlier goes to the real engine.
 */
export async function startMocks(options: MockOptions): Promise<void> {
  const region = options.region ?? MOCK_REGION;
  registered.length = 0;
  await pulumi.runtime.setMocks(mocks(region, options.upstream ?? {}), options.project, options.stack, false);
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: Register };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    original(req, (err, resp) => {
      if (!err) {
        registered.push({
          type: req.getType(),
          name: req.getName(),
          inputs: pulumi.runtime.deserializeProperties(req.getObject()) as Record<string, unknown>,
          id: resp.getId(),
          state: pulumi.runtime.deserializeProperties(resp.getObject()) as Record<string, unknown>,
          protect: req.getProtect(),
          retainOnDelete: req.getRetainondelete(),
        });
      }
      cb(err, resp);
    });
}

/** Waits until every resource of the evaluation is registered; a failed registration rejects here. */
export async function finishMocks(): Promise<void> {
  await pulumi.runtime.disconnect();
}

/** The value an output resolves to under the mocks. */
export function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((ok) => output.apply((v) => ok(v)));
}
