// The plan-scale benchmark: `tsx bench/plan-scale/run.ts [--sizes seed,50,500]`. Each size runs in a fresh
// process (as `make plan` would), planning the three layer stacks together; prints seconds and resource counts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { SizeResult } from "./plan-size.js";

/** The V8 flags `make plan` runs the planner with (see the apps' `plan` targets and libs/offline-plan/README.md). */
const PLAN_NODE_FLAGS = ["--max-semi-space-size=128"];
const TARGET_SECONDS_AT_50 = 5;
const MAX_RATIO_500_TO_50 = 10;

const { values } = parseArgs({ options: { sizes: { type: "string", default: "seed,50,500" } } });
const sizes = (values.sizes ?? "").split(",").filter(Boolean);
const here = fileURLToPath(new URL(".", import.meta.url));

interface Row extends SizeResult {
  readonly processSeconds: number;
}

const rows: Row[] = [];
const loadBefore = loadavg();
for (const size of sizes) {
  const out = mkdtempSync(join(tmpdir(), `plan-scale-${size}-`));
  const t0 = performance.now();
  const child = spawnSync(
    process.execPath,
    [...PLAN_NODE_FLAGS, "--import", "tsx", join(here, "plan-size.ts"), "--size", size, "--out", out],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const processSeconds = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  if (child.status !== 0) {
    process.stderr.write(`size ${size} failed:\n${child.stderr}\n`);
    process.exit(1);
  }
  const line = child.stdout.trim().split("\n").pop() ?? "{}";
  rows.push({ ...(JSON.parse(line) as SizeResult), processSeconds });
}

const fmt = (n: number) => n.toFixed(2);
const lines = [
  `load average before: ${loadBefore.map((l) => l.toFixed(1)).join(" ")} (${cpus().length} cores)`,
  "",
  "| size | datasets | bronze s (res) | silver s (res) | gold s (res) | 3 stacks s | 3 stacks CPU s | resources | process s |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];
for (const r of rows) {
  const cell = (app: string) => {
    const s = r.stacks.find((x) => x.app === app);
    return s ? `${fmt(s.seconds)} (${s.resources})` : "-";
  };
  const total = r.stacks.reduce((n, s) => n + s.seconds, 0);
  const cpu = r.stacks.reduce((n, s) => n + s.cpuSeconds, 0);
  const resources = r.stacks.reduce((n, s) => n + s.resources, 0);
  lines.push(
    `| ${r.size} | ${r.datasets} | ${cell("infra-bronze")} | ${cell("infra-silver")} | ${cell("infra-gold")} | ${fmt(total)} | ${fmt(cpu)} | ${resources} | ${fmt(r.processSeconds)} |`,
  );
}
process.stdout.write(`${lines.join("\n")}\n`);

const sum = (size: string, field: "seconds" | "cpuSeconds") =>
  rows.find((r) => r.size === size)?.stacks.reduce((n, s) => n + s[field], 0);
for (const field of ["seconds", "cpuSeconds"] as const) {
  const what = field === "seconds" ? "wall-clock" : "CPU";
  const at50 = sum("50", field);
  const at500 = sum("500", field);
  if (at50 !== undefined) {
    const verdict = at50 <= TARGET_SECONDS_AT_50 ? "met" : "MISSED";
    process.stdout.write(
      `50 datasets, ${what}: ${fmt(at50)} s for the three stacks (target ≤ ${TARGET_SECONDS_AT_50} s): ${verdict}\n`,
    );
  }
  if (at50 !== undefined && at500 !== undefined) {
    const ratio = at500 / at50;
    const verdict = ratio <= MAX_RATIO_500_TO_50 ? "met" : "MISSED";
    process.stdout.write(
      `500 vs 50, ${what}: ${ratio.toFixed(1)}x (target ≤ ${MAX_RATIO_500_TO_50}x): ${verdict}\n`,
    );
  }
}
