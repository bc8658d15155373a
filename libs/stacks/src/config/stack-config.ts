// A stack's configuration, parsed with its zod schema in one place: every stack reports a bad Pulumi.<stack>.yaml
// the same way, naming the project, the stack, the file and each bad key.
import { z } from "zod";

export interface StackConfigContext {
  /** The Pulumi project: its config keys are `<project>:<key>`. */
  readonly project: string;
  readonly stack: string;
  /**
   * Keys the stack reads from outside its namespace, by the name the schema gives them:
   * `{ region: "aws:region" }`. The error spells them out, since the file does not say `<project>:region`.
   */
  readonly foreignKeys?: Readonly<Record<string, string>>;
}

/** A configuration that does not parse: the message names the stack, the file and every bad key. */
export class StackConfigError extends Error {
  readonly project: string;
  /** The Pulumi stack (not `stack`, which an Error keeps its trace in). */
  readonly stackName: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(context: StackConfigContext, error: z.ZodError) {
    const foreign = Object.entries(context.foreignKeys ?? {}).map(([key, full]) => `, ${key} is "${full}"`);
    super(
      `${context.project} stack "${context.stack}": invalid configuration in Pulumi.${context.stack}.yaml ` +
        `(keys are "${context.project}:<key>"${foreign.join("")}):\n${z.prettifyError(error)}`,
    );
    this.name = "StackConfigError";
    this.project = context.project;
    this.stackName = context.stack;
    this.issues = error.issues;
  }
}

/** Parses `raw` with `schema`; on failure throws a StackConfigError, never zod's own error. */
export function parseStackConfig<T extends z.ZodType>(
  schema: T,
  raw: Readonly<Record<string, unknown>>,
  context: StackConfigContext,
): z.output<T> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new StackConfigError(context, result.error);
  return result.data;
}

/**
 * `schema` for a value Pulumi hands over as a string: structured values and numbers arrive as JSON text. Typed
 * values pass through, so tests can give plain objects; text that is not JSON is left for `schema` to reject.
 */
export function jsonConfig<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }, schema);
}
