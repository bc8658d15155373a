// The Nx graph declares every real dependency: what `nx affected` lists for a change, and that a cached result does
// not survive a change to an input it depends on. Run in a copy of the workspace, so files can be changed freely.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceSandbox, type Sandbox } from "../src/sandbox.js";

const source = fileURLToPath(new URL("../../..", import.meta.url));
const STACKS = ["airflow-dags", "governance", "infra-bronze", "infra-gold", "infra-silver"];
const CONTRACT = "libs/schemas/src/datasets/customers.ts";
const JOB_MODULE = "libs/spark-jobs/src/lake_jobs/bronze_to_silver/job.py";

let sandbox: Sandbox;

beforeAll(() => {
  sandbox = workspaceSandbox(source);
});
afterAll(() => sandbox.remove());

function affected(files: readonly string[]): string[] {
  const result = sandbox.run("npx", [
    "--no-install",
    "nx",
    "show",
    "projects",
    "--affected",
    `--files=${files.join(",")}`,
    "--json",
  ]);
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as string[]).sort();
}

/** Runs one cacheable task and tells whether Nx took its result from the cache. */
function fromCache(task: string): boolean {
  const result = sandbox.run("npx", ["--no-install", "nx", "run", task, "--outputStyle=stream"]);
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return /read the output from the cache/.test(result.stdout);
}

describe("nx affected", () => {
  it("includes every stack and the jobs when a contract changes", () => {
    expect(affected([CONTRACT])).toEqual(expect.arrayContaining([...STACKS, "schemas", "spark-jobs"]));
  });

  it("includes the silver and gold stacks, which package the jobs, when a job module changes", () => {
    const projects = affected([JOB_MODULE]);
    expect(projects).toEqual(
      expect.arrayContaining(["spark-jobs", "lake-components", "infra-silver", "infra-gold"]),
    );
    expect(projects).not.toContain("schemas");
    expect(projects).not.toContain("pulumi-mocks");
  });

  it("includes only the mocks and what tests with them when the mocked engine changes", () => {
    const projects = affected(["libs/pulumi-mocks/src/resource-state.ts"]);
    expect(projects).toEqual(expect.arrayContaining(["pulumi-mocks", "offline-plan", "infra-silver"]));
    expect(projects).not.toContain("schemas");
    expect(projects).not.toContain("spark-jobs");
  });
});

/** Whether `file` is one of the inputs Nx hashes for `task`. */
function isInput(task: string, file: string): boolean {
  const result = sandbox.run("npx", [
    "--no-install",
    "nx",
    "show",
    "target",
    "inputs",
    task,
    "--check",
    file,
  ]);
  // Exit 0 with "✓ <file> is an input for <task>", or 1 with "✗ <file> is not an input for <task>"; coloured
  // when Nx runs this test (FORCE_COLOR), so the escape codes go first.
  const text = result.stdout.replace(/\u001b\[[0-9;]*m/g, "");
  if (result.status === 1 && / is not an input for /.test(text)) return false;
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  expect(text).toMatch(/ is an input for /);
  return true;
}

describe("the Nx cache", () => {
  // A contract file reaches the other projects only through the registry, which loads src/datasets/ at run time
  // (no static import reaches a contract file), and defineDataset returns the DatasetContract type whatever the
  // definition says: so a contract change cannot change a type a dependent's lint or typecheck sees, while its
  // tests and plans read the contracts and must run again.
  it("hashes a contract file into the tests of dependents and the schemas checks, not dependents' typecheck", () => {
    expect(isInput("infra-gold:test", CONTRACT)).toBe(true);
    expect(isInput("schemas:typecheck", CONTRACT)).toBe(true);
    expect(isInput("schemas:lint", CONTRACT)).toBe(true);
    expect(isInput("infra-gold:typecheck", CONTRACT)).toBe(false);
    expect(isInput("infra-gold:lint", CONTRACT)).toBe(false);
    expect(isInput("infra-gold:typecheck", "libs/schemas/src/types.ts")).toBe(true);
  });

  it("reuses a result until an input it depends on changes: the schemas types, then a job module", () => {
    expect(fromCache("infra-gold:typecheck")).toBe(false);
    expect(fromCache("infra-gold:typecheck")).toBe(true);
    sandbox.write(
      CONTRACT,
      sandbox.read(CONTRACT).replace("One row per customer", "One row per CRM customer"),
    );
    expect(fromCache("infra-gold:typecheck")).toBe(true);
    const types = "libs/schemas/src/types.ts";
    sandbox.write(types, `${sandbox.read(types)}\n// a change every dependent's types see\n`);
    expect(fromCache("infra-gold:typecheck")).toBe(false);
    sandbox.write(JOB_MODULE, `${sandbox.read(JOB_MODULE)}\n# a change the package carries to Glue\n`);
    expect(fromCache("infra-gold:typecheck")).toBe(false);
    expect(fromCache("infra-gold:typecheck")).toBe(true);
  });
});
