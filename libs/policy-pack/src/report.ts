// The runner's report: findings by stack, rule and resource, then the resource types of the plans no rule reads.
import type { Finding } from "./evaluate.js";
import type { PlannedStack } from "./plan-input.js";
import type { LakePolicy } from "./policy.js";

export interface StackFindings {
  readonly plan: PlannedStack;
  readonly findings: readonly Finding[];
}

/** `urn:pulumi:dev::infra-bronze::lake:storage:LakeBucket$aws:s3/bucket:Bucket::lake-dev-bronze-data` -> name and type. */
export function describeUrn(urn: string): string {
  const parts = urn.split("::");
  const name = parts[parts.length - 1] ?? urn;
  const type = (parts[parts.length - 2] ?? "").split("$").pop() ?? "";
  return type ? `${name} (${type})` : name;
}

/** Types that are not cloud resources: components (their children are checked) and the engine's own. */
const isComponentOrEngine = (type: string) =>
  !/^[a-z0-9-]+:[^:]+\/[^:]+:/.test(type) || type.startsWith("pulumi:");

export interface Coverage {
  /** Provider resource types in the plans that no rule reads. */
  readonly uncovered: readonly string[];
  /** Component and engine types in the plans, which no rule needs to read. */
  readonly components: readonly string[];
}

export function coverage(plans: readonly PlannedStack[], policies: readonly LakePolicy[]): Coverage {
  const read = new Set(policies.flatMap((p) => p.resourceTypes));
  const types = [...new Set(plans.flatMap((p) => p.resources.map((r) => r.type)))].sort();
  return {
    uncovered: types.filter((t) => !isComponentOrEngine(t) && !read.has(t)),
    components: types.filter((t) => isComponentOrEngine(t) && !read.has(t)),
  };
}

const count = (findings: readonly Finding[], level: Finding["level"]) =>
  findings.filter((f) => f.level === level).length;

export function hasMandatoryFindings(results: readonly StackFindings[]): boolean {
  return results.some((r) => count(r.findings, "mandatory") > 0);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function renderReport(
  results: readonly StackFindings[],
  policies: readonly LakePolicy[],
  packName: string,
): string {
  const byName = new Map(policies.map((p) => [p.name, p]));
  const lines: string[] = [`${packName}: ${policies.length} rules over ${results.length} stacks`, ""];
  for (const { plan, findings } of results) {
    const mandatory = count(findings, "mandatory");
    const advisory = count(findings, "advisory");
    lines.push(`${plan.project} (${plan.stack}), ${plan.file}: ${mandatory} mandatory, ${advisory} advisory`);
    for (const [policy, ofPolicy] of groupBy(findings, (f) => f.policy)) {
      const rule = byName.get(policy);
      const ids = rule && rule.nagIds.length > 0 ? ` ${rule.nagIds.join(", ")}` : "";
      lines.push(`  ${policy} [${rule?.enforcementLevel ?? ofPolicy[0]?.level}]${ids}`);
      for (const [urn, ofResource] of groupBy(ofPolicy, (f) => f.urn)) {
        lines.push(`    ${urn ? describeUrn(urn) : "(stack)"}`);
        for (const f of ofResource)
          lines.push(`      ${f.undecided ? "[undecided, advisory] " : ""}${f.message}`);
      }
    }
  }
  const all = results.flatMap((r) => r.findings);
  const { uncovered, components } = coverage(
    results.map((r) => r.plan),
    policies,
  );
  lines.push(
    "",
    `Resource types in the plans no rule reads (${uncovered.length}):`,
    ...uncovered.map((t) => `  ${t}`),
    `Component and engine types (their children are checked): ${components.join(", ") || "none"}`,
    "",
    `${count(all, "mandatory")} mandatory violations, ${count(all, "advisory")} advisory findings ` +
      `(${all.filter((f) => f.undecided).length} undecided until the update) in ${results.length} stacks`,
  );
  return `${lines.join("\n")}\n`;
}

/** The rules with their enforcement level and cdk-nag / cfn_nag ids, one per line. */
export function renderRuleList(policies: readonly LakePolicy[]): string {
  return `${policies
    .map((p) => `${p.name} [${p.enforcementLevel}] ${p.nagIds.join(", ") || "-"}: ${p.description}`)
    .join("\n")}\n`;
}
