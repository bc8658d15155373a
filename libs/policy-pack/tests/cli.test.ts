// The runner as `make policy` starts it: a process per run, its exit code and its output. A run that checks plans
// loads @pulumi/pulumi and @pulumi/aws (seconds on a shared machine), so the runs start together, once; the clean
// plans' empty report is tested in-process (report.test.ts).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/policy.ts", ...args], { cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const runs: Record<string, Run> = {};

beforeAll(async () => {
  const [violating, configured, missing] = await Promise.all([
    run("--dir", "tests/fixtures/plans/violating"),
    run("--dir", "tests/fixtures/plans/violating", "--config", "tests/fixtures/advisory-rotation.json"),
    run("--dir", "tests/fixtures/no-such-folder"),
  ]);
  Object.assign(runs, { violating, configured, missing });
}, 120_000);

describe("cli/policy.ts", () => {
  it("exits 1 on a mandatory violation and prints the report", () => {
    expect(runs["violating"]?.status).toBe(1);
    expect(runs["violating"]?.stdout).toContain("  kms-key-rotation [mandatory]");
    expect(runs["violating"]?.stdout).toContain("1 mandatory violations, 2 advisory findings");
  });

  it("exits 0 when the pack config makes the violated rule advisory", () => {
    expect(runs["configured"]?.status).toBe(0);
    expect(runs["configured"]?.stdout).toContain("0 mandatory violations, 3 advisory findings");
  });

  it("exits 2 naming the folder when there are no plans", () => {
    expect(runs["missing"]?.status).toBe(2);
    expect(runs["missing"]?.stderr).toMatch(/no plan folder .*no-such-folder: run make plan first/);
  });
});
