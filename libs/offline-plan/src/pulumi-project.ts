// StackReference names, which the offline plan resolves to the upstream stack's plan file.

/**
 * `organization/infra-bronze/dev` or `infra-bronze/dev` -> the project and stack whose plan feeds a StackReference.
 */
export function parseStackName(name: string): { project: string; stack: string } {
  const parts = name.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.length === 0)) {
    throw new Error(
      `StackReference "${name}" must name the project and the stack ("<organization>/<project>/<stack>") so the offline plan can find its upstream plan`,
    );
  }
  const [project, stack] = parts.slice(-2) as [string, string];
  return { project, stack };
}
