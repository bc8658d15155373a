import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contractFileNames, loadContractFiles } from "../src/contract-files.js";
import { ContractError } from "../src/index.js";

const define = pathToFileURL(join(import.meta.dirname, "..", "src", "define.ts")).href;

function contractSource(name: string, exportName = name): string {
  return `import { z } from "zod";
import { defineDataset } from ${JSON.stringify(define)};
export const ${exportName} = defineDataset({
  name: ${JSON.stringify(name)}, layer: "silver", domain: "sales", description: "x", owner: "o@example.com",
  audit: "none", columns: z.object({ id: z.string().meta({ description: "Id." }) }),
});
`;
}

async function loadError(dir: string): Promise<ContractError> {
  try {
    await loadContractFiles(dir);
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error("expected a ContractError");
}

describe("contract files", () => {
  let dir: string;
  beforeEach(() => {
    // Inside the package, so the files resolve zod like the real contracts do.
    dir = mkdtempSync(join(import.meta.dirname, ".contracts-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("loads one contract per file and leaves shared.ts out", async () => {
    writeFileSync(join(dir, "orders.ts"), contractSource("orders"));
    writeFileSync(join(dir, "shared.ts"), "export const helper = 1;\n");
    expect(contractFileNames(dir)).toEqual(["orders.ts"]);
    expect((await loadContractFiles(dir)).map((c) => c.name)).toEqual(["orders"]);
  });

  it.each([
    [
      "a file exporting no contract",
      { "orders.ts": "export const orders = { name: 'orders' };\n" },
      /orders\.ts exports no contract/,
    ],
    [
      "a contract named unlike its file",
      { "orders.ts": contractSource("refunds", "orders") },
      /defines dataset "refunds"; .*Rename the file to refunds\.ts/,
    ],
    [
      "two contracts in one file",
      { "orders.ts": contractSource("orders") + contractSource("refunds").replace(/^import.*\n/gm, "") },
      /exports 2 contracts \(orders, refunds\)/,
    ],
    [
      "a file that does not import",
      { "orders.ts": "import { nothing } from './missing.js';\nexport const x = nothing;\n" },
      /orders\.ts could not be loaded/,
    ],
  ])("refuses %s, naming the file", async (_case, files, message) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    expect((await loadError(dir)).message).toMatch(message);
  });

  it("reports the problems of every file together", async () => {
    writeFileSync(join(dir, "a_orders.ts"), "export const x = 1;\n");
    writeFileSync(join(dir, "b_orders.ts"), "export const y = 2;\n");
    const error = await loadError(dir);
    expect(error.problems.map((p) => p.dataset)).toEqual(["a_orders", "b_orders"]);
  });
});
