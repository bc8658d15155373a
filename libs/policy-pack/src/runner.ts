// Runs every policy of the pack over every plan of a folder.
import { runPolicies, type PackConfig } from "./evaluate.js";
import type { PlannedStack } from "./plan-input.js";
import type { LakePolicy } from "./policy.js";
import type { StackFindings } from "./report.js";

export async function checkPlans(
  plans: readonly PlannedStack[],
  policies: readonly LakePolicy[],
  config: PackConfig = {},
): Promise<StackFindings[]> {
  const results: StackFindings[] = [];
  for (const plan of plans)
    results.push({ plan, findings: await runPolicies(policies, plan.resources, config) });
  return results;
}
