// What `dags list` and `dags list-import-errors` print with `-o json` (Airflow 3.0.6), read back, and the verdict
// over them.

export interface ListedDag {
  readonly dagId: string;
  readonly fileloc: string;
}

export interface ImportError {
  readonly filepath: string;
  readonly error: string;
}

/** What one CLI command printed, decoded. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

const excerpt = (text: string) => text.trim().split("\n").slice(-5).join("\n").slice(0, 600);

/**
 * The JSON list a listing printed. Airflow 3.0.6 prints `[]` for an empty listing with `-o json`, so anything
 * that is not a list (no output at all, a usage error, a traceback) is an error showing what stderr said.
 */
function rows(output: CommandOutput, command: string): Record<string, unknown>[] {
  const text = output.stdout.trim();
  const start = text.indexOf("[");
  if (start >= 0) {
    try {
      const parsed: unknown = JSON.parse(text.slice(start));
      if (Array.isArray(parsed)) return parsed as Record<string, unknown>[];
    } catch {
      // reported below
    }
  }
  throw new Error(
    `"${command}" printed no JSON list (stdout: ${JSON.stringify(excerpt(text))}; ` +
      `stderr: ${JSON.stringify(excerpt(output.stderr))})`,
  );
}

export function parseDagList(output: CommandOutput, command = "dags list"): ListedDag[] {
  return rows(output, command).map((r) => ({
    dagId: String(r["dag_id"]),
    fileloc: String(r["fileloc"]),
  }));
}

export function parseImportErrors(output: CommandOutput, command = "dags list-import-errors"): ImportError[] {
  return rows(output, command).map((r) => ({
    filepath: String(r["filepath"]),
    error: String(r["error"]),
  }));
}

/**
 * The exception of a traceback and what follows it (a ManifestError lists every problem on its own line), not
 * the frames above it.
 */
export function exceptionOf(error: string): string {
  const lines = error.trimEnd().split("\n");
  const last = lines.findLastIndex((l) => /^[A-Za-z_][\w.]*(Error|Exception|Warning)\b/.test(l));
  return (last >= 0 ? lines.slice(last) : lines.slice(-1)).join("\n");
}

/** Each import error (file and exception) and each expected DAG that is missing; [] when healthy. */
export function verifyProblems(
  expectedDagIds: readonly string[],
  dags: readonly ListedDag[],
  importErrors: readonly ImportError[],
): string[] {
  const listed = new Set(dags.map((d) => d.dagId));
  return [
    ...importErrors.map((e) => `import error in ${e.filepath}: ${exceptionOf(e.error)}`),
    ...expectedDagIds.filter((id) => !listed.has(id)).map((id) => `DAG ${id} is not listed`),
  ];
}
