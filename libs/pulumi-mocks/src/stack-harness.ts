// A Pulumi project's tests: one mocked evaluation of a stack at a time, configured from the committed
// `Pulumi.<stack>.yaml` exactly as the offline plan and the real engine configure it.
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { finishEngine, registrations, resolve, startEngine, type Registration } from "./engine.js";
import { readPulumiProject, readStackFile } from "./stack-files.js";

/** Outputs of upstream stacks, by the name the program passes to `new pulumi.StackReference(name)`. */
export type UpstreamOutputs = Readonly<Record<string, object>>;

export interface EvaluationOptions {
  /** Outputs of the stacks the program reads through StackReferences. */
  readonly upstream?: UpstreamOutputs;
  /** Config values set over the stack file's, by fully qualified key (`infra-gold:spectrum`), as strings. */
  readonly config?: Readonly<Record<string, string>>;
}

/** One evaluation: the program's outputs (resolved) and the resources it registered. */
export interface Evaluation<T> {
  readonly resolved: { readonly [K in keyof T]: unknown };
  readonly resources: readonly Registration[];
}

export interface StackHarness {
  /** The Pulumi project name, from the project's Pulumi.yaml. */
  readonly project: string;
  /** The committed `Pulumi.<stack>.yaml`'s config, as the engine hands it over (fully qualified keys, strings). */
  config(stack: string): Record<string, string>;
  /** Configures the stack `stack` from its file and sets the mocks; await it before stack code runs. */
  start(stack: string, options?: EvaluationOptions): Promise<void>;
  /** Waits until every resource of the evaluation is registered (a failed registration rejects here). */
  finish(): Promise<void>;
  /** Runs `program` under fresh mocks for `stack` and returns its resolved outputs and registered resources. */
  evaluate<T extends object>(
    stack: string,
    program: () => T,
    options?: EvaluationOptions,
  ): Promise<Evaluation<T>>;
}

function upstreamLookup(upstream: UpstreamOutputs): (name: string) => Readonly<Record<string, unknown>> {
  return (name) => {
    const outputs = upstream[name];
    if (!outputs) throw new Error(`the test gives no outputs for the StackReference ${name}`);
    return outputs as Readonly<Record<string, unknown>>;
  };
}

/** The harness of the Pulumi project in `projectDir` (a path, or a `file:` URL such as `new URL("..", import.meta.url)`). */
export function stackHarness(projectDir: string | URL): StackHarness {
  const dir = typeof projectDir === "string" ? projectDir : fileURLToPath(projectDir);
  const project = readPulumiProject(dir).name;

  const start = async (stack: string, options: EvaluationOptions = {}) => {
    const file = readStackFile(dir, stack);
    await startEngine({
      project,
      stack,
      config: { ...file.config, ...options.config },
      secretKeys: file.secretKeys,
      stackOutputs: upstreamLookup(options.upstream ?? {}),
    });
  };

  return {
    project,
    config: (stack) => readStackFile(dir, stack).config,
    start,
    finish: finishEngine,
    async evaluate<T extends object>(stack: string, program: () => T, options: EvaluationOptions = {}) {
      await start(stack, options);
      const outputs = program();
      const resolved = Object.fromEntries(
        await Promise.all(
          Object.entries(outputs).map(async ([k, v]): Promise<[string, unknown]> => [
            k,
            pulumi.Output.isInstance(v) ? await resolve(v) : v,
          ]),
        ),
      ) as Evaluation<T>["resolved"];
      await finishEngine();
      return { resolved, resources: [...registrations] };
    },
  };
}

/**
 * One evaluation per key, shared by the tests that only read it. Tests of a file run one after another, and an
 * evaluation owns the mocks until it finishes, so a cached result is never half-built.
 */
export function evaluateOnce<T>(cache: Map<string, T>, key: string, run: () => Promise<T>): Promise<T> {
  const cached = cache.get(key);
  return cached ? Promise.resolve(cached) : run().then((result) => (cache.set(key, result), result));
}
