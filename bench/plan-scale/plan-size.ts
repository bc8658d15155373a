// One benchmark size in one process: plans bronze, silver and gold (dev) one after another with a registry of
// `--size` datasets and prints one JSON line with the seconds and resource counts. `--size seed` uses the seed.
import { planApp, findWorkspaceRoot } from "@lake/offline-plan";
import { registry, type DatasetRegistry } from "@lake/schemas";
import { parseArgs } from "node:util";
// The benchmark plans the stacks themselves, so it imports them (the one project allowed to import apps).
/* eslint-disable @nx/enforce-module-boundaries */
import { bronzeConfig } from "@lake/infra-bronze/config";
import { createBronzeStack } from "@lake/infra-bronze/stack";
import { silverConfig } from "@lake/infra-silver/config";
import { createSilverStack } from "@lake/infra-silver/stack";
import { goldConfig } from "@lake/infra-gold/config";
import { createGoldStack } from "@lake/infra-gold/stack";
/* eslint-enable @nx/enforce-module-boundaries */
import { registryOfSize } from "./synthetic.js";

export interface SizeResult {
  readonly size: string;
  readonly datasets: number;
  readonly registrySeconds: number;
  /** Wall-clock and CPU (user + system) seconds per stack: the machine is shared, so CPU time is the steadier figure. */
  readonly stacks: { app: string; seconds: number; cpuSeconds: number; resources: number }[];
}

const { values } = parseArgs({ options: { size: { type: "string" }, out: { type: "string" } } });
if (!values.size || !values.out) {
  process.stderr.write("usage: plan-size.ts --size <seed|N> --out <plan dir>\n");
  process.exit(2);
}

const started = performance.now();
const datasets: DatasetRegistry = values.size === "seed" ? registry : registryOfSize(Number(values.size));
const registrySeconds = (performance.now() - started) / 1000;

const programs: [string, () => object][] = [
  ["infra-bronze", () => createBronzeStack(bronzeConfig.load(), datasets)],
  ["infra-silver", () => createSilverStack(silverConfig.load(), datasets)],
  ["infra-gold", () => createGoldStack(goldConfig.load(), datasets)],
];
const root = findWorkspaceRoot(process.cwd());
const result: SizeResult = {
  size: values.size,
  datasets: datasets.all().length,
  registrySeconds,
  stacks: [],
};
for (const [app, create] of programs) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { plan } = await planApp({
    root,
    app,
    stack: "dev",
    planDir: values.out,
    program: () => Promise.resolve({ ...create() }),
    datasetNames: datasets.all().map((d) => d.name),
  });
  const cpu = process.cpuUsage(cpu0);
  result.stacks.push({
    app,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    resources: plan.resources.length,
  });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
