// The README's "Add a source" walkthrough, step by step, in a copy of the workspace: the generator writes one
// file, and with nothing else edited the contract generates, passes `make compat`, yields sample data, passes the
// schema tests and appears in the plan of every stack that holds a source's resources. Lean on purpose: it runs
// the affected projects' fast checks, not the whole suite (`make test` after the merge does that).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceSandbox, type Sandbox } from "../src/sandbox.js";

const source = fileURLToPath(new URL("../../..", import.meta.url));
const CONTRACT = "libs/schemas/src/datasets/orders.ts";
// A file source already in the registry: the new one (a file source too) must get the same resources.
const LIKE = "customers";
const python = join(source, ".venv", "bin", "python");

let sandbox: Sandbox;

beforeAll(() => {
  sandbox = workspaceSandbox(source);
});
afterAll(() => sandbox.remove());

/** Runs a command in the copy and fails with its output when it does not exit 0. */
function ok(command: string, args: readonly string[], env?: Record<string, string>): string {
  const result = sandbox.run(command, args, env);
  expect(result.status, `${command} ${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/** The README's generator command for the orders source, with `source` as its --source. */
const generatorArgs = (source: string) => [
  "--no-install",
  "nx",
  "g",
  "@lake/schemas:dataset",
  "orders",
  "--domain",
  "sales",
  "--source",
  source,
  "--format",
  "csv",
];

// `make -o setup`: the copy shares the real node_modules and .venv, so nothing is installed again.
const make = (...args: string[]) => ok("make", ["-o", "setup", ...args]);

function resourceNames(planFile: string): string[] {
  const plan = JSON.parse(readFileSync(join(sandbox.root, "dist", "plan", planFile), "utf8")) as {
    resources: { name: string }[];
  };
  return plan.resources.map((r) => r.name);
}

describe("Add a source, as the README says", () => {
  it("refuses bad options before writing anything", () => {
    const result = sandbox.run("npx", generatorArgs("ftp"));
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/--source "ftp" is not a source kind/);
    expect(existsSync(join(sandbox.root, CONTRACT))).toBe(false);
  });

  it("1. the generator writes the contract file, the only change", () => {
    ok("npx", generatorArgs("file"));
    expect(sandbox.read(CONTRACT)).toContain('name: "orders"');
    const changed = ok("git", ["status", "--porcelain"]).trim().split("\n");
    expect(changed).toEqual([`?? ${CONTRACT}`]);
  });

  it("2. make generate writes its artifacts", () => {
    make("generate");
    const contract = JSON.parse(sandbox.read("dist/schemas/orders/contract.json")) as { source: unknown };
    expect(contract.source).toMatchObject({ kind: "file", format: "csv" });
  });

  it("3. make compat BASE=main reports a new, compatible dataset", () => {
    const report = make("compat", "BASE=main");
    expect(report).toContain("| orders | dataset | new dataset | compatible |");
    expect(report).not.toContain("**breaking**");
  });

  it("4. the sample generator draws clean and dirty rows for it", () => {
    const out = ok(python, [
      "-m",
      "lake_jobs.synthetic",
      "--lake",
      ".lake",
      "--rows",
      "40",
      "--run-date",
      "2026-11-20",
      "--datasets",
      "orders",
    ]);
    expect(out).toMatch(/orders: 40 rows \(2 dirty\)/);
    const manifest = JSON.parse(sandbox.read(".lake/reports/synthetic/2026-11-20.json")) as {
      datasets: Record<string, { rows: number }>;
    };
    expect(Object.keys(manifest.datasets)).toEqual(["orders"]);
  });

  it("5. nx affected names the schemas and every stack; the schema tests pass", () => {
    const affected = JSON.parse(
      ok("npx", ["--no-install", "nx", "show", "projects", "--affected", "--base=main", "--json"]),
    ) as string[];
    expect(affected).toEqual(
      expect.arrayContaining([
        "schemas",
        "spark-jobs",
        "infra-bronze",
        "infra-silver",
        "infra-gold",
        "airflow-dags",
      ]),
    );
    ok("npx", ["--no-install", "nx", "run", "schemas:test", "--outputStyle=stream"]);
  });

  it("6. make plan gives it the resources a source of its kind has, and its grants, in the stacks that hold them", () => {
    make("plan");
    for (const stack of ["infra-bronze", "infra-silver"]) {
      const names = resourceNames(`${stack}.dev.json`);
      // What the similar source has for itself (not what it has for datasets it references or gold reads).
      // Other datasets' jobs upload the similar source's contract too (`-quality-x-contract-customers`): not its own.
      const own = (n: string) =>
        new RegExp(`-${LIKE}(-|$)`).test(n.replaceAll(`-contract-${LIKE}`, "-contract-"));
      const expected = names
        .filter(own)
        .filter((n) => !n.includes("-s2g-"))
        .map((n) => n.replaceAll(LIKE, "orders"));
      expect(expected.length, stack).toBeGreaterThan(0);
      expect(names, stack).toEqual(expect.arrayContaining(expected));
    }
    // Gold reads only what a gold contract derives from; governance tags and grants every silver table.
    expect(resourceNames("infra-gold.dev.json").filter((n) => n.includes("orders"))).toEqual([]);
    expect(resourceNames("governance.dev.json").filter((n) => n.includes("orders")).length).toBeGreaterThan(
      0,
    );
  });
});
