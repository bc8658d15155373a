import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { contractJson, registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import {
  contentHash,
  contractBundle,
  contractFileContent,
  hashedKey,
  loadJobFile,
} from "../../src/compute/artifacts.js";

describe("contentHash", () => {
  it("is the first 16 hex characters of the SHA-256, the same for text and its bytes", () => {
    const full = createHash("sha256").update("print('hi')\n").digest("hex");
    expect(contentHash("print('hi')\n")).toBe(full.slice(0, 16));
    expect(contentHash(new TextEncoder().encode("print('hi')\n"))).toBe(full.slice(0, 16));
    expect(contentHash("a")).not.toBe(contentHash("b"));
  });
});

describe("hashedKey", () => {
  it.each([
    [
      "artifacts/job/scripts",
      "bronze_to_silver.py",
      "x",
      /^artifacts\/job\/scripts\/bronze_to_silver-[0-9a-f]{16}\.py$/,
    ],
    ["p/", "lake_jobs.zip", "zip", /^p\/lake_jobs-[0-9a-f]{16}\.zip$/],
    ["", "README", "r", /^README-[0-9a-f]{16}$/],
  ])("%s + %s", (prefix, fileName, content, pattern) => {
    expect(hashedKey(prefix, { fileName, content: new TextEncoder().encode(content) })).toMatch(pattern);
  });

  it("changes when the content changes, so a new version is a new object", () => {
    const key = (content: string) =>
      hashedKey("s", { fileName: "main.py", content: new TextEncoder().encode(content) });
    expect(key("v1")).not.toBe(key("v2"));
    expect(key("v1")).toBe(key("v1"));
  });
});

describe("loadJobFile", () => {
  it("reads a path and keeps its name", () => {
    const dir = mkdtempSync(join(tmpdir(), "lake-components-"));
    writeFileSync(join(dir, "main.py"), "print(1)\n");
    const file = loadJobFile({ path: join(dir, "main.py") }, "script");
    expect(file.fileName).toBe("main.py");
    expect(new TextDecoder().decode(file.content)).toBe("print(1)\n");
  });

  it("names the argument and the path when the file is missing", () => {
    expect(() => loadJobFile({ path: "/nonexistent/lake_jobs.zip" }, "packageArchive")).toThrow(
      /packageArchive: cannot read "\/nonexistent\/lake_jobs.zip" \(ENOENT\)/,
    );
  });
});

describe("contract files", () => {
  it("writes contract.json as the jobs read it: two-space JSON and a final newline", () => {
    const c = registry.get("customers");
    const text = contractFileContent(c);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(contractJson(c))));
  });

  it("bundles a job's contracts in one hashed folder, <folder><dataset>/contract.json", () => {
    const gold = registry.get("customer_360");
    const sources = ["customers", "transactions"].map((n) => registry.get(n));
    const bundle = contractBundle("artifacts/c360/contracts", [gold, ...sources]);
    expect(bundle.folder).toBe(`artifacts/c360/contracts/${bundle.hash}/`);
    expect(bundle.files.map((f) => f.key)).toEqual([
      `${bundle.folder}customer_360/contract.json`,
      `${bundle.folder}customers/contract.json`,
      `${bundle.folder}transactions/contract.json`,
    ]);
    // Order of the arguments does not matter; content does.
    expect(contractBundle("p", [...sources, gold]).hash).toBe(contractBundle("p", [gold, ...sources]).hash);
    expect(contractBundle("p", [gold]).hash).not.toBe(bundle.hash);
  });

  it("refuses the same dataset twice", () => {
    const c = registry.get("customers");
    expect(() => contractBundle("p", [c, c])).toThrow(/contract customers is given twice/);
  });
});
