// Runs the policy pack over every offline plan: `tsx libs/policy-pack/src/cli/policy.ts [--dir dist/plan]
// [--config pack-config.json] [--rules]`. Prints the findings by stack, rule and resource and the resource types
// no rule reads; exits 1 when a mandatory rule is violated, 2 on bad usage or when there is no plan.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { findWorkspaceRoot } from "@lake/offline-plan";
import type { PackConfig } from "../evaluate.js";
import { readPlans } from "../plan-input.js";
import { hasMandatoryFindings, renderReport, renderRuleList } from "../report.js";

const USAGE = "usage: policy.ts [--dir <plan dir>] [--config <policy pack config JSON>] [--rules]";

function usageError(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { dir?: string; config?: string; rules?: boolean };
try {
  ({ values } = parseArgs({
    options: { dir: { type: "string" }, config: { type: "string" }, rules: { type: "boolean" } },
    strict: true,
  }));
} catch (err) {
  usageError((err as Error).message);
}

// The rules load @pulumi/aws (seconds); usage errors are answered before that.
const loadRules = () => import("../policies.js");

if (values.rules) {
  process.stdout.write(renderRuleList((await loadRules()).policies));
  process.exit(0);
}

const dir = values.dir ?? join(findWorkspaceRoot(process.cwd()), "dist", "plan");
if (!existsSync(dir)) usageError(`no plan folder ${dir}: run make plan first`);
const plans = readPlans(dir);
if (plans.length === 0) usageError(`no plans in ${dir}: run make plan first`);
let config: PackConfig = {};
if (values.config) {
  try {
    config = JSON.parse(readFileSync(values.config, "utf8")) as PackConfig;
  } catch (err) {
    usageError(`cannot read the policy pack config ${values.config}: ${(err as Error).message}`);
  }
}
const { POLICY_PACK_NAME, policies } = await loadRules();
const { checkPlans } = await import("../runner.js");
const results = await checkPlans(plans, policies, config);
process.stdout.write(renderReport(results, policies, POLICY_PACK_NAME));
if (hasMandatoryFindings(results)) process.exitCode = 1;
