// Reading a program's configuration from the Pulumi engine: the one part of stack config that is not pure.
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { parseStackConfig, type StackConfigContext } from "./stack-config.js";

/** The foreign key of the stacks that deploy to a region: `aws:region`, parsed as `region`. */
export const AWS_REGION_KEY: Readonly<Record<string, string>> = { region: "aws:region" };

/**
 * The project's config keys without their namespace, as the engine passed them (strings), plus each foreign key
 * under its local name (`{ region: "aws:region" }` reads `aws:region` as `region`).
 */
export function readStackConfig(foreignKeys: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  const namespace = `${pulumi.getProject()}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(namespace)) raw[key.slice(namespace.length)] = value;
  }
  for (const [local, full] of Object.entries(foreignKeys)) {
    const separator = full.lastIndexOf(":");
    raw[local] = new pulumi.Config(full.slice(0, separator)).get(full.slice(separator + 1));
  }
  return raw;
}

export interface StackConfig<T> {
  /** Validates a raw configuration (a stack file's, in tests); the error names the stack, the file and each key. */
  readonly parse: (raw: Readonly<Record<string, unknown>>, stack: string) => T;
  /** The configuration the engine passed to the running program, validated the same way. */
  readonly load: () => T;
}

/** A project's `parse` and `load` for its schema: what every stack's `src/config.ts` exports. */
export function stackConfig<T extends z.ZodType>(
  schema: T,
  context: Omit<StackConfigContext, "stack">,
): StackConfig<z.output<T>> {
  const parse = (raw: Readonly<Record<string, unknown>>, stack: string) =>
    parseStackConfig(schema, raw, { ...context, stack });
  return { parse, load: () => parse(readStackConfig(context.foreignKeys), pulumi.getStack()) };
}
