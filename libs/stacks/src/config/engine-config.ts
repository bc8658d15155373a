// A program's configuration as the Pulumi engine hands it over (fully qualified keys, string values), turned
// into the values a stack's schema parses. The running program reads it from the engine; tests and the offline
// plan hand over a stack file's config the same way, so all three parse exactly the same values.
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { parseStackConfig, type StackConfigContext } from "./stack-config.js";

/** The foreign key of the stacks that deploy to a region: `aws:region`, parsed as `region`. */
export const AWS_REGION_KEY: Readonly<Record<string, string>> = { region: "aws:region" };

/**
 * The project's keys of `config` without their namespace, plus each foreign key under its local name
 * (`{ region: "aws:region" }` reads `aws:region` as `region`). Values stay as given (strings from the engine).
 */
export function projectValues(
  config: Readonly<Record<string, string>>,
  project: string,
  foreignKeys: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const namespace = `${project}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(namespace)) raw[key.slice(namespace.length)] = value;
  }
  for (const [local, full] of Object.entries(foreignKeys)) raw[local] = config[full];
  return raw;
}

/** `projectValues` of the configuration the engine passed to the running program. */
export function readEngineConfig(
  foreignKeys: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  return projectValues(pulumi.runtime.allConfig(), pulumi.getProject(), foreignKeys);
}

export interface StackConfig<T> {
  /** Validates raw values (plain objects in tests); the error names the stack, the file and each bad key. */
  readonly parse: (raw: Readonly<Record<string, unknown>>, stack: string) => T;
  /** Validates a stack file's config (fully qualified keys, strings), as the engine would hand it over. */
  readonly parseConfig: (config: Readonly<Record<string, string>>, stack: string) => T;
  /** The configuration the engine passed to the running program, validated the same way. */
  readonly load: () => T;
}

/** A project's `parse`, `parseConfig` and `load` for its schema: what every stack's `src/config.ts` exports. */
export function stackConfig<T extends z.ZodType>(
  schema: T,
  context: Omit<StackConfigContext, "stack">,
): StackConfig<z.output<T>> {
  const parse = (raw: Readonly<Record<string, unknown>>, stack: string) =>
    parseStackConfig(schema, raw, { ...context, stack });
  return {
    parse,
    parseConfig: (config, stack) => parse(projectValues(config, context.project, context.foreignKeys), stack),
    load: () => parse(readEngineConfig(context.foreignKeys), pulumi.getStack()),
  };
}
