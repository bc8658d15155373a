import * as pulumi from "@pulumi/pulumi";
import { recorded, type Recorded } from "./mocks.js";

/** The value of an output, as the mocked deployment resolved it. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Waits until no new resource has registered for a few event-loop turns (registration is asynchronous). */
export async function settled(): Promise<void> {
  let last = -1;
  while (last !== recorded.length) {
    last = recorded.length;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The resources of one type whose logical name starts with `prefix` (the component instance name). */
export function resourcesOf(type: string, prefix: string): Recorded[] {
  return recorded.filter((r) => r.type === type && r.name.startsWith(prefix));
}

/** The one resource of `type` named `name`; fails with what was recorded when it is missing. */
export function resource(type: string, name: string): Recorded {
  const found = recorded.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = recorded.filter((r) => r.type === type).map((r) => r.name);
    throw new Error(`no ${type} named ${name}; recorded: ${names.join(", ") || "none"}`);
  }
  return found;
}

/** A JSON policy input, parsed. */
export function policyOf(r: Recorded, field = "policy"): { Statement: Record<string, unknown>[] } {
  return JSON.parse(String(r.inputs[field])) as { Statement: Record<string, unknown>[] };
}
