/** One resource of an offline plan: what `pulumi preview` would register, with its inputs as sent to the engine. */
export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent resource; null for resources at the top of the stack. */
  readonly parent: string | null;
  /** Inputs with secrets shown as `[secret]`, unknowns as `[unknown]` and object keys sorted. */
  readonly inputs: PlanValue;
}

/** The offline plan of one stack of one Pulumi project. */
export interface Plan {
  readonly project: string;
  readonly stack: string;
  /** Sorted by URN. */
  readonly resources: readonly PlanResource[];
  /** The program's stack outputs (its named exports), rendered like inputs. */
  readonly outputs: { readonly [name: string]: PlanValue };
}

export type PlanValue =
  null | boolean | number | string | readonly PlanValue[] | { readonly [key: string]: PlanValue };

export const SECRET = "[secret]";
export const UNKNOWN = "[unknown]";
