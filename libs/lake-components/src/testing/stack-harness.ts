// A Pulumi project's tests: its committed stack files as config, and one mocked evaluation of a stack program
// at a time, with every resource it registered and every output it returned resolved.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import YAML from "yaml";
import {
  finishMocks,
  registered,
  resolve,
  startMocks,
  type Registered,
  type UpstreamOutputs,
} from "./mocks.js";

export interface EvaluationOptions {
  /** Defaults to eu-west-1. */
  readonly region?: string;
  /** Outputs of the stacks the program reads through StackReferences. */
  readonly upstream?: UpstreamOutputs;
}

/** One evaluation: the program's outputs (resolved) and the resources it registered. */
export interface Evaluation<T> {
  readonly resolved: { readonly [K in keyof T]: unknown };
  readonly resources: Registered[];
}

export interface StackHarness {
  /** The Pulumi project name, from the project's Pulumi.yaml. */
  readonly project: string;
  /** Sets the mocks for one evaluation of the stack named `stack`; await it before stack code runs. */
  startStack(stack: string, options?: EvaluationOptions): Promise<void>;
  /** Waits until every resource of the evaluation is registered (a failed registration rejects here). */
  finishStack(): Promise<void>;
  /** The committed `Pulumi.<stack>.yaml` as the plain object a config parser takes: project keys without their
   * namespace, `aws:region` as `region`. */
  stackFileConfig(stack: string): Record<string, unknown>;
  /** Sets the committed `Pulumi.<stack>.yaml` as the engine would, for tests that import the program itself. */
  setProgramConfig(stack: string): void;
  /** Runs `program` under fresh mocks and returns its resolved outputs and registered resources. */
  evaluate<T extends object>(
    stack: string,
    program: () => T,
    options?: EvaluationOptions,
  ): Promise<Evaluation<T>>;
}

function readYaml<T>(path: string): T {
  return YAML.parse(readFileSync(path, "utf8")) as T;
}

/** The harness of the Pulumi project in `projectDir` (a path, or a `file:` URL such as `new URL("..", import.meta.url)`). */
export function stackHarness(projectDir: string | URL): StackHarness {
  const dir = typeof projectDir === "string" ? projectDir : fileURLToPath(projectDir);
  const project = readYaml<{ name: string }>(join(dir, "Pulumi.yaml")).name;

  const stackFileConfig = (stack: string): Record<string, unknown> => {
    const { config } = readYaml<{ config: Record<string, unknown> }>(join(dir, `Pulumi.${stack}.yaml`));
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
      if (key === "aws:region") raw["region"] = value;
      else if (key.startsWith(`${project}:`)) raw[key.slice(project.length + 1)] = value;
    }
    return raw;
  };

  const startStack = (stack: string, options: EvaluationOptions = {}) =>
    startMocks({ project, stack, ...options });

  return {
    project,
    startStack,
    finishStack: finishMocks,
    stackFileConfig,
    setProgramConfig(stack) {
      const { region, ...own } = stackFileConfig(stack);
      // The engine hands every value over as a string, structured ones as JSON.
      pulumi.runtime.setAllConfig({
        ...(region === undefined ? {} : { "aws:region": String(region) }),
        ...Object.fromEntries(
          Object.entries(own).map(([k, v]) => [
            `${project}:${k}`,
            typeof v === "string" ? v : JSON.stringify(v),
          ]),
        ),
      });
    },
    async evaluate<T extends object>(stack: string, program: () => T, options: EvaluationOptions = {}) {
      await startStack(stack, options);
      const outputs = program();
      const resolved = Object.fromEntries(
        await Promise.all(
          Object.entries(outputs).map(async ([k, v]) => [
            k,
            pulumi.Output.isInstance(v) ? await resolve(v) : v,
          ]),
        ),
      ) as Evaluation<T>["resolved"];
      await finishMocks();
      return { resolved, resources: [...registered] };
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
