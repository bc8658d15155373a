import type { Plan, PlanResource } from "./model.js";
import { sortKeysDeep } from "./render-value.js";
import { compareStrings, inlineValue } from "./format.js";

/** The plan as its JSON file: keys sorted, two-space indent, newline at the end, so equal plans are equal bytes. */
export function planToJson(plan: Plan): string {
  const ordered = {
    project: plan.project,
    stack: plan.stack,
    resources: [...plan.resources]
      .sort((a, b) => compareStrings(a.urn, b.urn))
      .map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent,
        inputs: sortKeysDeep(r.inputs),
      })),
    outputs: sortKeysDeep(plan.outputs),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export function parsePlanJson(text: string, where: string): Plan {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where} is not valid JSON: ${(err as Error).message}`);
  }
  const p = doc as Partial<Plan> | null;
  if (!p || typeof p.project !== "string" || typeof p.stack !== "string" || !Array.isArray(p.resources)) {
    throw new Error(`${where} is not an offline plan (it needs "project", "stack" and "resources")`);
  }
  p.resources.forEach((r: Partial<PlanResource> | null, i) => {
    if (typeof r?.urn !== "string" || typeof r.type !== "string" || typeof r.name !== "string") {
      throw new Error(`${where} is not an offline plan: resource ${i} has no urn, type or name`);
    }
  });
  return { project: p.project, stack: p.stack, resources: p.resources, outputs: p.outputs ?? {} };
}

function normalizedToken(s: string): string {
  return `-${s.toLowerCase().replace(/_/g, "-")}-`;
}

/**
 * The dataset each resource belongs to: its parent's dataset, else the longest dataset name that appears as a
 * whole word in its logical name. Resources of no dataset (buckets, keys, workgroups) map to null.
 */
export function datasetOfResources(
  resources: readonly PlanResource[],
  datasetNames: readonly string[],
): Map<string, string | null> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const names = [...datasetNames].sort((a, b) => b.length - a.length);
  const result = new Map<string, string | null>();
  const resolve = (urn: string, seen: Set<string>): string | null => {
    if (result.has(urn)) return result.get(urn) ?? null;
    const resource = byUrn.get(urn);
    if (!resource || seen.has(urn)) return null;
    seen.add(urn);
    // A resource created for a dataset's component belongs to that dataset even when its own name mentions
    // another one (a job's copy of a related contract); only top-level names decide by themselves.
    const inherited = resource.parent ? resolve(resource.parent, seen) : null;
    const dataset =
      inherited ?? names.find((d) => normalizedToken(resource.name).includes(normalizedToken(d))) ?? null;
    result.set(urn, dataset);
    return dataset;
  };
  for (const r of resources) resolve(r.urn, new Set());
  return result;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => compareStrings(a, b));
}

/** The readable summary written next to the JSON plan: resources by type, then by dataset, then the outputs. */
export function planToMarkdown(plan: Plan, datasetNames: readonly string[]): string {
  const lines: string[] = [`# Offline plan: ${plan.project} (${plan.stack})`, ""];
  lines.push(`${plan.resources.length} resources, ${Object.keys(plan.outputs).length} outputs.`, "");
  lines.push("## Resources by type", "", "| type | count |", "| --- | ---: |");
  for (const [type, count] of countBy(plan.resources, (r) => r.type))
    lines.push(`| \`${type}\` | ${count} |`);
  const datasets = datasetOfResources(plan.resources, datasetNames);
  lines.push("", "## Resources by dataset", "", "| dataset | resources | types |", "| --- | ---: | --- |");
  const groups = new Map<string, PlanResource[]>();
  for (const r of plan.resources) {
    const d = datasets.get(r.urn) ?? "(shared)";
    groups.set(d, [...(groups.get(d) ?? []), r]);
  }
  for (const [dataset, members] of [...groups.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const types = countBy(members, (r) => r.type.split(":").pop() ?? r.type)
      .map(([t, n]) => (n > 1 ? `${t} x${n}` : t))
      .join(", ");
    lines.push(`| ${dataset} | ${members.length} | ${types} |`);
  }
  lines.push("", "## Outputs", "");
  for (const name of Object.keys(plan.outputs).sort()) {
    lines.push(`- \`${name}\`: ${inlineValue(plan.outputs[name], 200)}`);
  }
  return `${lines.join("\n")}\n`;
}
