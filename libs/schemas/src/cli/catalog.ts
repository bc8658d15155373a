// `make catalog` (nx run schemas:catalog): writes the data catalog site to dist/catalog/, replacing what was there.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { AccessModelFileError, parseAccessModel } from "../catalog/access.js";
import { catalogFiles } from "../catalog/render.js";
import { ContractError } from "../errors.js";

function workspaceRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      // Whose personas the pages show: the governance stack's access model (`make access-model` writes it).
      stack: { type: "string", default: "dev" },
      access: { type: "string" },
    },
  });
  const root = workspaceRoot();
  const out = resolve(values.out ?? join(root, "dist", "catalog"));
  const accessFile = resolve(
    values.access ?? join(root, "dist", "access", `governance.${values.stack}.json`),
  );
  const shownAccess = relative(root, accessFile).startsWith("..") ? accessFile : relative(root, accessFile);
  if (!existsSync(accessFile)) {
    console.error(
      `catalog: ${shownAccess} is missing: run \`make access-model\` (nx run schemas:catalog runs it first)`,
    );
    return 1;
  }
  try {
    const { registry } = await import("../registry.js");
    const access = parseAccessModel(readFileSync(accessFile, "utf8"), shownAccess);
    const files = catalogFiles(registry, access, shownAccess);
    rmSync(out, { recursive: true, force: true });
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), content);
    }
    const shown = relative(root, out).startsWith("..") ? out : relative(root, out);
    console.log(
      `catalog: ${registry.all().length} datasets, personas of ${shownAccess} -> ${shown}/index.html (${Object.keys(files).length} files)`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ContractError) {
      console.error(`catalog: invalid contract\n${error.message}`);
      return 1;
    }
    if (error instanceof AccessModelFileError) {
      console.error(`catalog: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
