import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  collectDagFiles,
  constraintPin,
  dagObjects,
  mwaaRequirements,
} from "../../src/orchestration/dag-bundle.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "dags-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("collectDagFiles", () => {
  it("keeps every file but caches, sorted, including the .airflowignore", () => {
    const root = tree({
      "pipeline.py": "dag",
      ".airflowignore": "^helpers/\n",
      "helpers/__init__.py": "",
      "helpers/__pycache__/x.cpython-312.pyc": "bytes",
      "helpers/old.pyc": "bytes",
      ".pytest_cache/v": "x",
    });
    expect(collectDagFiles(root).map((f) => f.path)).toEqual([
      ".airflowignore",
      "helpers/__init__.py",
      "pipeline.py",
    ]);
  });

  it("refuses a folder without a DAG file", () => {
    expect(() => collectDagFiles(tree({ "README.md": "no dags" }))).toThrow(/no DAG file/);
  });
});

describe("dagObjects", () => {
  const files = [
    { path: "pipeline.py", content: Buffer.from("a") },
    { path: "helpers/x.py", content: Buffer.from("b") },
  ];

  it("keys each file by its path under the prefix and hashes its content", () => {
    const objects = dagObjects("dags/", files);
    expect(objects.map((o) => o.key)).toEqual(["dags/pipeline.py", "dags/helpers/x.py"]);
    expect(objects[0]?.content).toBe("a");
    expect(objects[0]?.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("changes the hash of exactly the file that changed", () => {
    const before = dagObjects("dags", files);
    const after = dagObjects("dags", [
      files[0] as never,
      { path: "helpers/x.py", content: Buffer.from("c") },
    ]);
    expect(after.map((o, i) => o.hash === before[i]?.hash)).toEqual([true, false]);
  });

  it("refuses a file that is not UTF-8 text", () => {
    expect(() => dagObjects("dags", [{ path: "blob.py", content: Buffer.from([0xff, 0xfe]) }])).toThrow(
      /blob\.py is not UTF-8 text/,
    );
  });
});

const CONSTRAINTS =
  "# header\napache-airflow==3.0.6\napache-airflow-providers-amazon==9.12.0\nFlask_Login==0.6.3\n";

describe("constraintPin", () => {
  it.each([
    ["apache-airflow-providers-amazon", "9.12.0"],
    ["flask-login", "0.6.3"],
  ])("%s", (pkg, version) => expect(constraintPin(CONSTRAINTS, pkg)).toBe(version));

  it("names a package the file does not pin", () => {
    expect(() => constraintPin(CONSTRAINTS, "moto")).toThrow(/pins no version of moto/);
  });
});

describe("mwaaRequirements", () => {
  it("points pip at the constraints file MWAA syncs and pins each package to its constrained version", () => {
    expect(
      mwaaRequirements({
        dagsPrefix: "dags",
        constraintsKey: "dags/constraints-3.0.6.txt",
        constraints: CONSTRAINTS,
        packages: ["apache-airflow-providers-amazon", "apache-airflow"],
      }),
    ).toBe(
      "# Installed by MWAA on every Airflow component at startup (pip install -r, with these constraints).\n" +
        '--constraint "/usr/local/airflow/dags/constraints-3.0.6.txt"\n' +
        "apache-airflow==3.0.6\n" +
        "apache-airflow-providers-amazon==9.12.0\n",
    );
  });

  it("refuses a constraints file outside the DAG folder (MWAA would not sync it)", () => {
    expect(() =>
      mwaaRequirements({
        dagsPrefix: "dags",
        constraintsKey: "constraints.txt",
        constraints: CONSTRAINTS,
        packages: [],
      }),
    ).toThrow(/must be under the DAG folder dags\//);
  });
});
