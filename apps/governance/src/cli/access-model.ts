// Writes the access model of a governance stack (its committed config and the contracts) as JSON, for the local
// lake's persona views: `dist/access/governance.<stack>.json`. The same model the stack renders its grants from.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { accessModel } from "@lake/lake-components";
import { readStackFile } from "@lake/pulumi-mocks";
import { registry, type AccessModelFile } from "@lake/schemas";
import { governanceConfig, personaSpecs } from "../config.js";
import { principalRefLabel } from "../principal-ref.js";

const { values } = parseArgs({
  options: { stack: { type: "string", default: "dev" }, out: { type: "string" } },
});
const stack = values.stack;
const projectDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const config = governanceConfig.parseConfig(readStackFile(projectDir, stack).config, stack);
const model = accessModel(registry, personaSpecs(config)).map((m) => ({
  persona: m.persona,
  principal: principalRefLabel(m.principal),
  tables: m.tables.map((t) => ({
    table: `${t.layer}.${t.dataset}`,
    layer: t.layer,
    dataset: t.dataset,
    columns: t.columns.map((c) => c.name),
    hidden: t.hidden.map((c) => c.name),
    rowFilter: t.rowFilter,
  })),
}));
const out = values.out ?? join(projectDir, "..", "..", "dist", "access", `governance.${stack}.json`);
mkdirSync(dirname(out), { recursive: true });
const file: AccessModelFile = { stack, personas: model };
writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
console.log(`governance: ${out}: ${model.length} principals`);
