// The pull-request workflow runs what the workspace defines: its make targets exist, its nx targets are targets of
// some project, and the reports it posts are the files `make compat` and `make plan-diff` write.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const workflow = parse(readFileSync(join(root, ".github", "workflows", "ci.yml"), "utf8")) as {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: { run?: string; uses?: string }[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const scripts = steps.flatMap((s) => (s.run ? [s.run] : [])).join("\n");
const makefile = readFileSync(join(root, "Makefile"), "utf8");

/** The targets nx.json gives defaults for: every target the workspace's projects share. */
/** The targets nx.json defaults and every project defines (`policy` exists in the policy pack alone). */
function nxTargets(): Set<string> {
  const nx = JSON.parse(readFileSync(join(root, "nx.json"), "utf8")) as { targetDefaults: object };
  const projects = ["apps", "libs", "tools"].flatMap((group) =>
    readdirSync(join(root, group)).map((name) => join(root, group, name, "project.json")),
  );
  const defined = [...projects, join(root, "bench", "project.json")]
    .filter((file) => existsSync(file))
    .flatMap((file) =>
      Object.keys((JSON.parse(readFileSync(file, "utf8")) as { targets?: object }).targets ?? {}),
    );
  return new Set([...Object.keys(nx.targetDefaults), ...defined]);
}

describe(".github/workflows/ci.yml", () => {
  it("runs on pull requests", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
  });

  it("calls only make targets the Makefile defines", () => {
    const called = [...scripts.matchAll(/^\s*make (?!-)([a-z-]+)/gm)].map((m) => m[1]!);
    expect(called).toEqual(expect.arrayContaining(["setup", "compat", "plan-diff"]));
    for (const target of called) expect(makefile, target).toMatch(new RegExp(`^${target}:`, "m"));
  });

  it("runs nx affected for every target make test runs, and plan, against the merge base", () => {
    const affected = /npx nx affected -t ([a-z ]+?) --base=\$\{\{ steps\.base\.outputs\.sha \}\}/.exec(
      scripts,
    );
    // What `make test` runs over every project, the workflow runs over the affected ones.
    const makeTest = /run-many -t ([a-z ]+?) --outputStyle/.exec(
      readFileSync(join(root, "Makefile"), "utf8"),
    );
    expect(makeTest?.[1]).toBeDefined();
    expect(affected?.[1]?.split(" ").sort()).toEqual([...makeTest![1]!.split(" "), "plan"].sort());
    for (const t of affected![1]!.split(" ")) expect(nxTargets(), t).toContain(t);
    expect(scripts).toContain("git merge-base origin/${{ github.base_ref }} HEAD");
  });

  it("posts the reports the compat and plan-diff commands write", () => {
    expect(scripts).toContain("dist/compat/compat.md");
    expect(scripts).toContain("dist/plan/plan-diff.md");
    expect(readFileSync(join(root, "libs/schemas/src/cli/compat.ts"), "utf8")).toContain(
      '"compat", "compat.md"',
    );
    expect(readFileSync(join(root, "libs/offline-plan/src/cli/diff.ts"), "utf8")).toContain('"plan-diff.md"');
  });

  it("caches npm, pip and the jars", () => {
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node"))).toMatchObject({
      with: { cache: "npm" },
    });
    const cached = steps.filter((s) => s.uses?.startsWith("actions/cache")).map((s) => JSON.stringify(s));
    expect(cached.join("\n")).toMatch(/\.cache\/pip/);
    expect(cached.join("\n")).toMatch(/\.cache\/jars/);
  });
});
