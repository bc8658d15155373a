import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { compareStrings } from "./format.js";

/** The nearest folder at or above `from` that holds `nx.json`. */
export function findWorkspaceRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "nx.json"))) return dir;
    const up = dirname(dir);
    if (up === dir)
      throw new Error(`no nx.json at or above ${from}: run this inside the workspace or pass --root`);
    dir = up;
  }
}

export interface PulumiApp {
  readonly app: string;
  readonly stacks: readonly string[];
  readonly dependsOn: readonly string[];
}

/** Apps under `apps/` that are Pulumi projects, with their committed stacks and `implicitDependencies`. */
export function discoverPulumiApps(root: string): PulumiApp[] {
  const appsDir = join(root, "apps");
  if (!existsSync(appsDir)) return [];
  const apps: PulumiApp[] = [];
  for (const app of readdirSync(appsDir).sort(compareStrings)) {
    const dir = join(appsDir, app);
    if (!existsSync(join(dir, "Pulumi.yaml"))) continue;
    const stacks = readdirSync(dir)
      .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
      .filter((s): s is string => s !== undefined)
      .sort(compareStrings);
    let dependsOn: string[] = [];
    const projectJson = join(dir, "project.json");
    if (existsSync(projectJson)) {
      const parsed = JSON.parse(readFileSync(projectJson, "utf8")) as { implicitDependencies?: string[] };
      dependsOn = parsed.implicitDependencies ?? [];
    }
    apps.push({ app, stacks, dependsOn });
  }
  return apps;
}

/** Apps ordered so that each comes after the apps it depends on (ties by name); a cycle is an error. */
export function orderByDependencies(apps: readonly PulumiApp[]): PulumiApp[] {
  const byName = new Map(apps.map((a) => [a.app, a]));
  const ordered: PulumiApp[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (app: PulumiApp, path: string[]) => {
    if (state.get(app.app) === "done") return;
    if (state.get(app.app) === "visiting") {
      throw new Error(`implicitDependencies form a cycle: ${[...path, app.app].join(" -> ")}`);
    }
    state.set(app.app, "visiting");
    for (const dep of [...app.dependsOn].sort(compareStrings)) {
      const upstream = byName.get(dep);
      if (upstream) visit(upstream, [...path, app.app]);
    }
    state.set(app.app, "done");
    ordered.push(app);
  };
  for (const app of [...apps].sort((a, b) => compareStrings(a.app, b.app))) visit(app, []);
  return ordered;
}
