// Plans one stack of one Pulumi app offline: `tsx libs/offline-plan/src/cli/plan.ts --app infra-bronze --stack dev`.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { planApp } from "../plan-app.js";
import { findWorkspaceRoot } from "../workspace.js";
import { parseOptions } from "./args.js";

const options = parseOptions("plan.ts --app <app> --stack <stack> [--root <workspace>] [--out <plan dir>]", {
  app: { required: true },
  stack: { required: true },
  root: { required: false },
  out: { required: false },
});

/** Dataset names of the workspace being planned (which may be another revision's worktree), for the summary. */
async function datasetNames(root: string): Promise<string[]> {
  const schemas = join(root, "libs", "schemas", "src", "index.ts");
  if (!existsSync(schemas)) return [];
  const mod = (await import(pathToFileURL(schemas).href)) as {
    registry?: { all(): readonly { name: string }[] };
  };
  return mod.registry?.all().map((c) => c.name) ?? [];
}

const root = options.root ?? findWorkspaceRoot(process.cwd());
const started = performance.now();
try {
  const result = await planApp({
    root,
    app: options.app as string,
    stack: options.stack as string,
    ...(options.out ? { planDir: options.out } : {}),
    datasetNames: await datasetNames(root),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${relative(root, result.jsonFile)}: ${result.plan.resources.length} resources (${seconds}s)\n`,
  );
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
}
