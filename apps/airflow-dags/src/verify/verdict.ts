// What `dags list` and `dags list-import-errors` print with `-o json`, read back, and the verdict over them.

export interface ListedDag {
  readonly dagId: string;
  readonly fileloc: string;
}

export interface ImportError {
  readonly filepath: string;
  readonly error: string;
}

/** The JSON rows an Airflow CLI listing printed; "No data found" is how Airflow prints an empty one. */
function rows(stdout: string, command: string): Record<string, unknown>[] {
  const text = stdout.trim();
  if (text === "" || text === "No data found") return [];
  const start = text.indexOf("[");
  try {
    const parsed: unknown = JSON.parse(start >= 0 ? text.slice(start) : text);
    if (Array.isArray(parsed)) return parsed as Record<string, unknown>[];
  } catch {
    // reported below
  }
  throw new Error(`"${command}" printed no JSON list: ${text.slice(0, 300)}`);
}

export function parseDagList(stdout: string): ListedDag[] {
  return rows(stdout, "dags list").map((r) => ({
    dagId: String(r["dag_id"]),
    fileloc: String(r["fileloc"]),
  }));
}

export function parseImportErrors(stdout: string): ImportError[] {
  return rows(stdout, "dags list-import-errors").map((r) => ({
    filepath: String(r["filepath"]),
    error: String(r["error"]),
  }));
}

/** Each import error (file and the error's last line) and each expected DAG that is missing; [] when healthy. */
export function verifyProblems(
  expectedDagIds: readonly string[],
  dags: readonly ListedDag[],
  importErrors: readonly ImportError[],
): string[] {
  const listed = new Set(dags.map((d) => d.dagId));
  return [
    ...importErrors.map((e) => {
      const last = e.error.trim().split("\n").at(-1) ?? "";
      return `import error in ${e.filepath}: ${last}`;
    }),
    ...expectedDagIds.filter((id) => !listed.has(id)).map((id) => `DAG ${id} is not listed`),
  ];
}
