import { compareStrings, inlineValue } from "./format.js";
import type { Plan, PlanResource, PlanValue } from "./model.js";

export interface ValueChange {
  /** `bucket`, `tags.team`, `statements[0].actions[1]`; the empty string for the whole value. */
  readonly path: string;
  readonly before: PlanValue | undefined;
  readonly after: PlanValue | undefined;
}

export interface ResourceChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly changes: readonly ValueChange[];
}

export interface StackDiff {
  readonly project: string;
  readonly stack: string;
  readonly added: readonly PlanResource[];
  readonly removed: readonly PlanResource[];
  readonly changed: readonly ResourceChange[];
  readonly outputs: readonly ValueChange[];
}

function isObject(v: PlanValue | undefined): v is { readonly [key: string]: PlanValue } {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The keys that identify an entry of a list of objects, tried in this order (a dataset map, a name, a prefix). */
export const IDENTITY_KEYS = ["dataset", "name", "prefix"] as const;

/**
 * How the entries of a list are addressed: by their identity when every entry has a distinct one (objects by the
 * first of IDENTITY_KEYS they all carry, strings by their value), so an entry added in the middle is one addition
 * rather than a shift of every later index; by position otherwise.
 */
export function entryKeys(list: readonly PlanValue[]): string[] | null {
  const distinct = (keys: string[]) => (new Set(keys).size === keys.length ? keys : null);
  if (list.every((v) => typeof v === "string")) return distinct(list.map((v) => `[=${JSON.stringify(v)}]`));
  if (!list.every(isObject)) return null;
  for (const key of IDENTITY_KEYS) {
    const ids = list.map((v) => (isObject(v) ? v[key] : undefined));
    if (ids.every((id) => typeof id === "string")) return distinct(ids.map((id) => `[${key}=${String(id)}]`));
  }
  return null;
}

function leaves(value: PlanValue | undefined, path: string, out: Map<string, PlanValue>): void {
  if (Array.isArray(value) && value.length > 0) {
    const keys = entryKeys(value);
    if (keys === null) value.forEach((v: PlanValue, i: number) => leaves(v, `${path}[${i}]`, out));
    else {
      value.forEach((v: PlanValue, i: number) => leaves(v, `${path}${keys[i]}`, out));
      // Entries matched by identity lose their position: the order is a value of its own, so a reordering of
      // the entries both sides have still shows as one change.
      out.set(`${path}(order)`, keys);
    }
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const key of Object.keys(value)) leaves(value[key], path ? `${path}.${key}` : key, out);
  } else if (value !== undefined && path !== "") {
    // An empty object or array is a value of its own (a list emptied is a change), except as the whole value.
    out.set(path, value);
  } else if (value !== undefined && !isObject(value) && !Array.isArray(value)) {
    out.set(path, value);
  }
}

/** Whether the entries both orders share come in the same relative order. */
function sameRelativeOrder(before: PlanValue | undefined, after: PlanValue | undefined): boolean {
  if (!Array.isArray(before) || !Array.isArray(after)) return false;
  const inAfter = new Set(after as string[]);
  const inBefore = new Set(before as string[]);
  const a = (before as string[]).filter((k) => inAfter.has(k));
  const b = (after as string[]).filter((k) => inBefore.has(k));
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The leaf values that differ between two values, by path, sorted by path. */
export function diffValues(before: PlanValue | undefined, after: PlanValue | undefined): ValueChange[] {
  const a = new Map<string, PlanValue>();
  const b = new Map<string, PlanValue>();
  leaves(before, "", a);
  leaves(after, "", b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort(compareStrings);
  const changes: ValueChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    if (path.endsWith("(order)")) {
      // Entries added or removed already show as such; only a reordering of the shared ones is a change here.
      if (x === undefined || y === undefined || sameRelativeOrder(x, y)) continue;
    }
    changes.push({ path, before: x, after: y });
  }
  return changes;
}

/**
 * What applying `head` over `base` would do to one stack. A missing plan counts as a stack with nothing in it, so a
 * new stack is all additions and a deleted one all removals.
 */
export function diffPlans(base: Plan | undefined, head: Plan | undefined): StackDiff {
  const ref = head ?? base;
  if (!ref) throw new Error("diffPlans needs at least one of the two plans");
  if (base && head && (base.project !== head.project || base.stack !== head.stack)) {
    throw new Error(`cannot diff ${base.project}/${base.stack} against ${head.project}/${head.stack}`);
  }
  const before = new Map((base?.resources ?? []).map((r) => [r.urn, r]));
  const after = new Map((head?.resources ?? []).map((r) => [r.urn, r]));
  const byUrn = (x: { urn: string }, y: { urn: string }) => compareStrings(x.urn, y.urn);
  const added = [...after.values()].filter((r) => !before.has(r.urn)).sort(byUrn);
  const removed = [...before.values()].filter((r) => !after.has(r.urn)).sort(byUrn);
  const changed: ResourceChange[] = [];
  for (const [urn, now] of after) {
    const was = before.get(urn);
    if (!was) continue;
    const changes = diffValues(was.inputs, now.inputs);
    if (was.parent !== now.parent)
      changes.unshift({ path: "(parent)", before: was.parent, after: now.parent });
    if (changes.length > 0) changed.push({ urn, type: now.type, name: now.name, changes });
  }
  changed.sort(byUrn);
  return {
    project: ref.project,
    stack: ref.stack,
    added,
    removed,
    changed,
    outputs: diffValues(base?.outputs ?? {}, head?.outputs ?? {}),
  };
}

export function isEmptyDiff(d: StackDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length + d.outputs.length === 0;
}

function resourceLine(r: { type: string; name: string }): string {
  return `\`${r.type}\` **${r.name}**`;
}

/** The diff of every stack as Markdown for a pull-request comment; stacks without changes take one line. */
export function renderDiffMarkdown(diffs: readonly StackDiff[], title: string): string {
  const lines: string[] = [`## ${title}`, ""];
  const sorted = [...diffs].sort((x, y) =>
    compareStrings(`${x.project}.${x.stack}`, `${y.project}.${y.stack}`),
  );
  const unchanged = sorted.filter(isEmptyDiff).map((d) => `${d.project} (${d.stack})`);
  for (const d of sorted.filter((x) => !isEmptyDiff(x))) {
    lines.push(
      `### ${d.project} (${d.stack}): ${d.added.length} to add, ${d.changed.length} to change, ${d.removed.length} to remove`,
      "",
    );
    if (d.added.length > 0) {
      lines.push("<details><summary>Added</summary>", "");
      for (const r of d.added) lines.push(`- ${resourceLine(r)}`);
      lines.push("", "</details>", "");
    }
    if (d.changed.length > 0) {
      lines.push("**Changed**", "");
      for (const r of d.changed) {
        lines.push(`- ${resourceLine(r)}`);
        for (const c of r.changes) {
          lines.push(`  - \`${c.path || "(value)"}\`: ${inlineValue(c.before)} → ${inlineValue(c.after)}`);
        }
      }
      lines.push("");
    }
    if (d.removed.length > 0) {
      lines.push("**Removed**", "");
      for (const r of d.removed) lines.push(`- ${resourceLine(r)}`);
      lines.push("");
    }
    if (d.outputs.length > 0) {
      lines.push("**Outputs**", "");
      for (const c of d.outputs)
        lines.push(`- \`${c.path}\`: ${inlineValue(c.before)} → ${inlineValue(c.after)}`);
      lines.push("");
    }
  }
  if (unchanged.length > 0) lines.push(`No changes: ${unchanged.join(", ")}.`, "");
  if (sorted.length === 0) lines.push("No Pulumi stacks were planned.", "");
  return `${lines.join("\n").trimEnd()}\n`;
}
