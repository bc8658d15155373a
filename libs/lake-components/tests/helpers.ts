// Lookups over what the components registered under the workspace's mocked engine.
import { registrations as registered, type Registration as Registered } from "@lake/pulumi-mocks";

export { resolve } from "@lake/pulumi-mocks";

/** Waits until no new resource has registered for a few event-loop turns (registration is asynchronous). */
export async function settled(): Promise<void> {
  let last = -1;
  while (last !== registered.length) {
    last = registered.length;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The resources of one type whose logical name starts with `prefix` (the component instance name). */
export function resourcesOf(type: string, prefix: string): Registered[] {
  return registered.filter((r) => r.type === type && r.name.startsWith(prefix));
}

/** The one resource of `type` named `name`; fails with what was registered when it is missing. */
export function resource(type: string, name: string): Registered {
  const found = registered.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = registered.filter((r) => r.type === type).map((r) => r.name);
    throw new Error(`no ${type} named ${name}; registered: ${names.join(", ") || "none"}`);
  }
  return found;
}

/** A JSON policy input, parsed. */
export function policyOf(r: Registered, field = "policy"): { Statement: Record<string, unknown>[] } {
  return JSON.parse(String(r.inputs[field])) as { Statement: Record<string, unknown>[] };
}

/** The statements of a JSON policy input by Sid. */
export function statementsBySid(r: Registered, field = "policy"): Record<string, Record<string, unknown>> {
  return Object.fromEntries(policyOf(r, field).Statement.map((s) => [String(s["Sid"]), s]));
}
