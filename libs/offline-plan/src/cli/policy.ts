// Checks every plan in dist/plan for policy documents that grant wildcards:
// `tsx libs/offline-plan/src/cli/policy.ts [--dir dist/plan]`. Exits 1 listing each finding.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parsePlanJson } from "../plan-writer.js";
import { planWildcardGrants } from "../policy.js";
import { findWorkspaceRoot } from "../workspace.js";
import { parseOptions } from "./args.js";

const options = parseOptions("policy.ts [--dir <plan dir>]", { dir: { required: false } });
const root = findWorkspaceRoot(process.cwd());
const dir = options.dir ?? join(root, "dist", "plan");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();
if (files.length === 0) {
  process.stderr.write(`no plans in ${relative(root, dir) || "."}: run make plan first\n`);
  process.exit(2);
}
let findings = 0;
for (const file of files) {
  const path = join(dir, file);
  const plan = parsePlanJson(readFileSync(path, "utf8"), path);
  for (const f of planWildcardGrants(plan)) {
    findings++;
    process.stdout.write(`${file}: ${f.urn} ${f.path}: ${f.reason}\n`);
  }
}
process.stdout.write(`${files.length} plans checked, ${findings} wildcard grants\n`);
if (findings > 0) process.exitCode = 1;
