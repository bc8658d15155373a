// The resources a change adds, changes or removes: `tsx libs/offline-plan/src/cli/diff.ts --base origin/main`.
// Plans every stack of the BASE revision (in a temporary git worktree) and of the working tree with this same
// planner, so only the infrastructure code differs between the two sides, then prints a Markdown diff.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { diffPlans, renderDiffMarkdown, type StackDiff } from "../diff.js";
import { parsePlanJson } from "../plan-writer.js";
import { planFileName } from "../plan-app.js";
import { discoverPulumiApps, findWorkspaceRoot, orderByDependencies } from "../workspace.js";
import { addWorktree, resolveCommit } from "../worktree.js";
import { parseOptions } from "./args.js";

const options = parseOptions("diff.ts --base <git ref> [--root <workspace>]", {
  base: { required: true },
  root: { required: false },
});
const planCli = join(fileURLToPath(new URL(".", import.meta.url)), "plan.ts");

interface TreePlans {
  readonly planDir: string;
  readonly stacks: { app: string; stack: string }[];
  readonly failures: string[];
}

function runPlan(
  root: string,
  tree: string,
  app: string,
  stack: string,
  planDir: string,
): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "--max-semi-space-size=128",
        "--import",
        "tsx",
        planCli,
        "--root",
        tree,
        "--app",
        app,
        "--stack",
        stack,
        "--out",
        planDir,
      ],
      { cwd: root, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) =>
      resolve(code === 0 ? null : `${app} (${stack}): ${stderr.trim() || `exit ${code}`}`),
    );
  });
}

/** Plans every stack of a tree, upstream apps first; a failed stack is reported and the others still planned. */
async function planTree(root: string, tree: string, planDir: string): Promise<TreePlans> {
  rmSync(planDir, { recursive: true, force: true });
  mkdirSync(planDir, { recursive: true });
  const result: TreePlans = { planDir, stacks: [], failures: [] };
  for (const { app, stacks } of orderByDependencies(discoverPulumiApps(tree))) {
    for (const stack of stacks) {
      result.stacks.push({ app, stack });
      const failure = await runPlan(root, tree, app, stack, planDir);
      if (failure) result.failures.push(failure);
    }
  }
  return result;
}

function readPlan(planDir: string, app: string, stack: string) {
  const file = join(planDir, planFileName(app, stack));
  return existsSync(file) ? parsePlanJson(readFileSync(file, "utf8"), file) : undefined;
}

const root = options.root ?? findWorkspaceRoot(process.cwd());
const commit = resolveCommit(root, options.base as string);
const scratch = mkdtempSync(join(tmpdir(), "plan-diff-"));
const worktree = addWorktree(root, commit, join(scratch, "base"));
try {
  const [base, head] = await Promise.all([
    planTree(root, worktree.dir, join(scratch, "plan-base")),
    planTree(root, root, join(root, "dist", "plan")),
  ]);
  const keys = [...new Set([...base.stacks, ...head.stacks].map((s) => `${s.app}\u0000${s.stack}`))].sort();
  const diffs: StackDiff[] = [];
  for (const key of keys) {
    const [app, stack] = key.split("\u0000") as [string, string];
    const before = readPlan(base.planDir, app, stack);
    const after = readPlan(head.planDir, app, stack);
    if (before || after) diffs.push(diffPlans(before, after));
  }
  let markdown = renderDiffMarkdown(
    diffs,
    `Offline plan diff: ${options.base} (${commit.slice(0, 12)}) → working tree`,
  );
  const failures = [
    ...base.failures.map((f) => `base: ${f}`),
    ...head.failures.map((f) => `working tree: ${f}`),
  ];
  if (failures.length > 0) {
    markdown += `\n**Stacks that could not be planned** (their resources are missing from the diff):\n\n${failures
      .map((f) => `- ${f.split("\n").join("\n  ")}`)
      .join("\n")}\n`;
  }
  writeFileSync(join(root, "dist", "plan", "plan-diff.md"), markdown);
  process.stdout.write(markdown);
  if (head.failures.length > 0) process.exitCode = 1;
} finally {
  worktree.remove();
  rmSync(scratch, { recursive: true, force: true });
}
