// The outputs a stack reads from the one before it (bronze <- silver <- gold), each required: a missing output
// fails the deployment, and the offline plan, naming it.
import * as pulumi from "@pulumi/pulumi";

export type StackOutputs<N extends readonly string[]> = { readonly [K in N[number]]: pulumi.Output<string> };

/** `names` of the stack `<organization>/<project>/<stack>`, through one StackReference named after it. */
export function requireStackOutputs<const N extends readonly string[]>(
  stackName: string,
  names: N,
): StackOutputs<N> {
  const ref = new pulumi.StackReference(stackName);
  return Object.fromEntries(
    names.map((name) => [name, ref.requireOutput(name) as pulumi.Output<string>]),
  ) as StackOutputs<N>;
}
