// `make catalog` (nx run schemas:catalog): writes the data catalog site to dist/catalog/, replacing what was there.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { catalogFiles } from "../catalog/render.js";
import { ContractError } from "../errors.js";

function workspaceRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const root = workspaceRoot();
  const out = resolve(values.out ?? join(root, "dist", "catalog"));
  try {
    const { registry } = await import("../registry.js");
    const files = catalogFiles(registry);
    rmSync(out, { recursive: true, force: true });
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), content);
    }
    const shown = relative(root, out).startsWith("..") ? out : relative(root, out);
    console.log(
      `catalog: ${registry.all().length} datasets -> ${shown}/index.html (${Object.keys(files).length} files)`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ContractError) {
      console.error(`catalog: invalid contract\n${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
