import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { evaluateStack } from "./evaluate.js";
import type { Plan, PlanValue } from "./model.js";
import { parsePlanJson, planToJson, planToMarkdown } from "./plan-writer.js";
import { readPulumiProject, readStackFile } from "@lake/pulumi-mocks";
import { parseStackName } from "./pulumi-project.js";

let evaluations = 0;

export function planFileName(project: string, stack: string): string {
  return `${project}.${stack}.json`;
}

/**
 * Outputs for `new pulumi.StackReference(name)`, read from the upstream stack's plan in `planDir`; the error says
 * which plan to make first when it is missing.
 */
export function upstreamOutputsFrom(planDir: string): (stackName: string) => Record<string, PlanValue> {
  return (stackName) => {
    const { project, stack } = parseStackName(stackName);
    const file = join(planDir, planFileName(project, stack));
    if (!existsSync(file)) {
      throw new Error(
        `StackReference "${stackName}": there is no plan ${file}; plan ${project} (stack ${stack}) first (make plan orders them)`,
      );
    }
    return { ...parsePlanJson(readFileSync(file, "utf8"), file).outputs };
  };
}

export interface PlanAppOptions {
  /** The workspace root (the folder of nx.json). */
  readonly root: string;
  /** The app folder under `apps/`, also its Pulumi project name. */
  readonly app: string;
  readonly stack: string;
  /** Where plans are written and upstream plans are read. Defaults to `<root>/dist/plan`. */
  readonly planDir?: string;
  /** Replaces the program of `Pulumi.yaml`'s `main` (the benchmark plans synthetic registries this way). */
  readonly program?: () => Promise<Record<string, unknown>>;
  /** Dataset names for the summary's "by dataset" table. */
  readonly datasetNames?: readonly string[];
}

export interface PlanAppResult {
  readonly plan: Plan;
  readonly jsonFile: string;
  readonly markdownFile: string;
}

/** Plans one stack of one app and writes `<app>.<stack>.json` and `<app>.<stack>.md`. One call per process. */
export async function planApp(options: PlanAppOptions): Promise<PlanAppResult> {
  const projectDir = join(options.root, "apps", options.app);
  const project = readPulumiProject(projectDir);
  const { config, secretKeys } = readStackFile(projectDir, options.stack);
  const planDir = options.planDir ?? join(options.root, "dist", "plan");
  // A fresh module instance per evaluation (the query makes it a new URL), so planning an app twice in one
  // process runs its program twice instead of returning the first run's exports.
  const programUrl = `${pathToFileURL(join(projectDir, project.main)).href}?plan=${options.stack}-${++evaluations}`;
  const program =
    options.program ?? (async () => ({ ...((await import(programUrl)) as Record<string, unknown>) }));
  const plan = await evaluateStack({
    project: project.name,
    stack: options.stack,
    config,
    secretKeys,
    stackOutputs: upstreamOutputsFrom(planDir),
    program,
  });
  mkdirSync(planDir, { recursive: true });
  const base = join(planDir, planFileName(project.name, options.stack)).replace(/\.json$/, "");
  writeFileSync(`${base}.json`, planToJson(plan));
  writeFileSync(`${base}.md`, planToMarkdown(plan, options.datasetNames ?? []));
  return { plan, jsonFile: `${base}.json`, markdownFile: `${base}.md` };
}
