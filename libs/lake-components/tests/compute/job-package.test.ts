import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildJobPackage,
  collectPackageFiles,
  entryScript,
  goldBuilders,
  isPackageFile,
  lakeJobsPackage,
  missingGoldBuilders,
  SPARK_JOBS_SOURCE,
} from "../../src/compute/job-package.js";

/** A source root holding `lake_jobs/` with the given files (paths relative to the root). */
function sourceRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "job-src-"));
  mkdirSync(join(root, "lake_jobs"), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("isPackageFile", () => {
  it.each([
    ["lake_jobs/common/args.py", true],
    ["lake_jobs/contracts/customers.json", true],
    ["lake_jobs/__pycache__/args.cpython-311.pyc", false],
    ["lake_jobs/common/args.pyc", false],
    ["lake_jobs/.ruff_cache/x.txt", false],
    ["lake_jobs.egg-info/PKG-INFO.txt", false],
  ])("includes %s: %s", (path, included) => {
    expect(isPackageFile(path)).toBe(included);
  });
});

describe("collectPackageFiles and buildJobPackage", () => {
  it("collects the package with archive paths and hashes it stably", () => {
    const root = sourceRoot({ "lake_jobs/__init__.py": "", "lake_jobs/__pycache__/x.pyc": "junk" });
    const first = buildJobPackage(collectPackageFiles(root));
    const second = buildJobPackage(collectPackageFiles(root));
    expect(first.files).toEqual(["lake_jobs/__init__.py"]);
    expect(second.sha256).toBe(first.sha256);
    expect(second.zip.equals(first.zip)).toBe(true);
  });

  it("changes the hash when a file changes", () => {
    const before = buildJobPackage(collectPackageFiles(sourceRoot({ "lake_jobs/a.py": "x = 1\n" })));
    const after = buildJobPackage(collectPackageFiles(sourceRoot({ "lake_jobs/a.py": "x = 2\n" })));
    expect(after.sha256).not.toBe(before.sha256);
  });

  it("says where it looked when there is no package", () => {
    const root = sourceRoot({});
    expect(() => collectPackageFiles(root)).toThrow(`no Python files found under ${join(root, "lake_jobs")}`);
  });
});

describe("the workspace's lake_jobs package", () => {
  const pkg = lakeJobsPackage();

  it("holds the entry modules every stack starts, and no caches", () => {
    for (const module of ["bronze_to_silver", "silver_to_gold", "quality"]) {
      expect(pkg.files).toContain(`lake_jobs/${module}/__main__.py`);
    }
    expect(pkg.files.filter((f) => !isPackageFile(f))).toEqual([]);
  });
});

describe("entryScript", () => {
  it("reads a module's __main__.py and names it after the module", () => {
    const script = entryScript("silver_to_gold");
    expect(script.fileName).toBe("silver_to_gold.py");
    expect(
      script.content.equals(readFileSync(join(SPARK_JOBS_SOURCE, "lake_jobs/silver_to_gold/__main__.py"))),
    ).toBe(true);
  });

  it("names the module and the path when the module has no entry script", () => {
    const root = sourceRoot({ "lake_jobs/__init__.py": "" });
    expect(() => entryScript("gold_daily", root)).toThrow(
      `the job entry script ${join(root, "lake_jobs", "gold_daily", "__main__.py")} does not exist (module lake_jobs.gold_daily)`,
    );
  });
});

describe("goldBuilders", () => {
  it("lists the builder modules of the package, leaving out helpers", () => {
    const root = sourceRoot({
      "lake_jobs/silver_to_gold/builders/__init__.py": "",
      "lake_jobs/silver_to_gold/builders/_shared.py": "",
      "lake_jobs/silver_to_gold/builders/orders_daily.py": "",
      "lake_jobs/silver_to_gold/builders/customer_360.py": "",
      "lake_jobs/silver_to_gold/builders/README.md": "",
    });
    expect(goldBuilders(root)).toEqual(["customer_360", "orders_daily"]);
  });

  it("finds the workspace's customer_360 builder", () => {
    expect(goldBuilders()).toContain("customer_360");
  });

  it("names the folder a package without builders lacks", () => {
    const root = sourceRoot({ "lake_jobs/__init__.py": "" });
    expect(() => goldBuilders(root)).toThrow(/silver_to_gold\/builders does not exist/);
  });
});

describe("missingGoldBuilders", () => {
  it.each([
    [["customer_360"], ["customer_360"], []],
    [
      ["customer_360", "orders_daily"],
      ["customer_360"],
      [
        "gold dataset orders_daily has no builder: add libs/spark-jobs/src/lake_jobs/silver_to_gold/builders/orders_daily.py (builders today: customer_360)",
      ],
    ],
    [["x"], [], [expect.stringContaining("(builders today: none)")]],
  ])("gold %j with builders %j", (gold, builders, expected) => {
    expect(missingGoldBuilders(gold, builders)).toEqual(expected);
  });
});
