// The outputs a stack exports, as a contract between the stack and every reader: each output's name, its type
// and what it holds, written once. The exporting stack returns exactly these (its tests check that its program
// exports each name), readers take them through one StackReference with `requireOutput` (a missing output fails
// the deployment and the offline plan, naming it), and neighbouring stacks' tests type their fake upstream
// outputs with the same interface.
import * as pulumi from "@pulumi/pulumi";

export interface StackContract<T extends object> {
  /** The Pulumi project that exports the outputs. */
  readonly project: string;
  /** Every output with what it holds. */
  readonly outputs: { readonly [K in keyof T]-?: string };
}

/** What the exporting stack's program returns: every output of the contract, as an Output. */
export type StackExports<T extends object> = { readonly [K in keyof T]: pulumi.Output<T[K]> };

/** `T` is the plain type of each output (what a reader's `requireOutput` resolves to). */
export function defineStackContract<T extends object>(
  project: string,
  outputs: StackContract<T>["outputs"],
): StackContract<T> {
  return { project, outputs };
}

/** The output names of a contract, in the order it lists them. */
export function outputNames<T extends object>(contract: StackContract<T>): (keyof T & string)[] {
  return Object.keys(contract.outputs) as (keyof T & string)[];
}

/**
 * `names` of the contract's stack `stackName` (`<organization>/<project>/<stack>`), through one StackReference.
 * A name the contract does not declare is a type error; an output the stack lacks fails when it is read; a
 * stack of another project (a config pointing at the wrong stack) is refused before anything is read.
 */
export function readStack<T extends object, const N extends readonly (keyof T & string)[]>(
  contract: StackContract<T>,
  stackName: string,
  names: N,
): { readonly [K in N[number]]: pulumi.Output<T[K]> } {
  const project = stackName.split("/").at(-2);
  if (project !== contract.project) {
    throw new Error(
      `StackReference "${stackName}" should name a stack of ${contract.project} ` +
        `("<organization>/${contract.project}/<stack>"), not of ${project ?? "no project"}`,
    );
  }
  const ref = new pulumi.StackReference(stackName);
  return Object.fromEntries(names.map((name) => [name, ref.requireOutput(name)])) as {
    readonly [K in N[number]]: pulumi.Output<T[K]>;
  };
}

/**
 * The outputs of `contract` that a program's module does not export as an Output, and the exports that are not in
 * the contract: [] when the program exports exactly its contract (what each stack's tests check).
 */
export function exportMismatches<T extends object>(
  contract: StackContract<T>,
  exportsOfProgram: Readonly<Record<string, unknown>>,
): string[] {
  const names = outputNames(contract) as string[];
  return [
    ...names
      .filter((n) => !pulumi.Output.isInstance(exportsOfProgram[n]))
      .map((n) => `${contract.project} does not export ${n} as an output`),
    ...Object.keys(exportsOfProgram)
      .filter((n) => n !== "default" && !names.includes(n))
      .map((n) => `${contract.project} exports ${n}, which its contract does not declare`),
  ];
}
