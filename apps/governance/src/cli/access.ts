// `make access PRINCIPAL=<persona> [TABLE=<layer.table>] [STACK=dev|prod]`: who can read what, from the governance
// plan (no AWS): the columns with their classification and the row filter each principal of the persona gets.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { registry } from "@lake/schemas";
import { renderAccess, type GovernancePlan } from "../access-report.js";

const { values } = parseArgs({
  options: { plan: { type: "string" }, principal: { type: "string" }, table: { type: "string" } },
});
if (!values.plan || !values.principal) {
  console.error(
    "usage: access.ts --plan dist/plan/governance.<stack>.json --principal <persona> [--table <layer.table>]",
  );
  process.exit(2);
}
if (!existsSync(values.plan)) {
  console.error(`${values.plan} does not exist: run make plan first`);
  process.exit(2);
}
const plan = JSON.parse(readFileSync(values.plan, "utf8")) as GovernancePlan;
console.log(renderAccess(plan, registry, values.principal, values.table || undefined));
