import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildZip } from "../../src/compute/zip.js";

const files = [
  { path: "lake_jobs/common/args.py", content: Buffer.from("def parse():\n    return 1\n") },
  { path: "lake_jobs/__init__.py", content: Buffer.from("") },
];

describe("buildZip", () => {
  it("is byte-identical for the same files in any order", () => {
    expect(buildZip(files).equals(buildZip([...files].reverse()))).toBe(true);
  });

  it("changes when a file's content changes", () => {
    const changed = [{ ...files[0]!, content: Buffer.from("def parse():\n    return 2\n") }, files[1]!];
    expect(buildZip(changed).equals(buildZip(files))).toBe(false);
  });

  it("is read back by Python's zipfile with the same contents and a fixed timestamp", () => {
    const dir = mkdtempSync(join(tmpdir(), "job-zip-"));
    const zipPath = join(dir, "p.zip");
    writeFileSync(zipPath, buildZip(files));
    const script =
      "import sys, zipfile, json\n" +
      "z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None\n" +
      "print(json.dumps([[i.filename, z.read(i).decode(), list(i.date_time)] for i in z.infolist()]))";
    const out = execFileSync("python3", ["-c", script, zipPath], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([
      ["lake_jobs/__init__.py", "", [1980, 1, 1, 0, 0, 0]],
      ["lake_jobs/common/args.py", "def parse():\n    return 1\n", [1980, 1, 1, 0, 0, 0]],
    ]);
  });

  it.each([["/abs.py"], ["a/../b.py"], ["a\\b.py"], [""]])("rejects the entry path %j", (path) => {
    expect(() => buildZip([{ path, content: Buffer.from("") }])).toThrow(`zip entry "${path}"`);
  });

  it("rejects a path given twice", () => {
    expect(() => buildZip([files[0]!, files[0]!])).toThrow("appears twice");
  });
});
