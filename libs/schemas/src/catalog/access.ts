// The governance access model as the catalog reads it: `dist/access/governance.<stack>.json`, which
// `make access-model` (apps/governance) writes from the same registry and the stack's personas. The shape is
// defined here, the reading side, and the writer declares its output with it; schemas cannot import the
// governance code (that depends on schemas), so the file is the whole interface.
import { z } from "zod";
import type { DatasetContract } from "../types.js";

const tableAccess = z.object({
  table: z.string(),
  layer: z.string(),
  dataset: z.string(),
  columns: z.array(z.string()),
  hidden: z.array(z.string()),
  rowFilter: z.object({ name: z.string(), expression: z.string(), spark: z.string() }).nullable(),
});

const accessModelFile = z.object({
  stack: z.string(),
  personas: z.array(z.object({ persona: z.string(), principal: z.string(), tables: z.array(tableAccess) })),
});

/** What `dist/access/governance.<stack>.json` holds: per principal, the tables it reads and how. */
export type AccessModelFile = z.infer<typeof accessModelFile>;

/** One principal that may read a dataset: the columns it sees and the rows (a row filter), if restricted. */
export interface DatasetReader {
  readonly persona: string;
  readonly principal: string;
  readonly columns: readonly string[];
  readonly hidden: readonly string[];
  readonly rowFilter: AccessModelFile["personas"][number]["tables"][number]["rowFilter"];
}

/** An access model file that cannot be read or does not fit the contracts; the message names the file. */
export class AccessModelFileError extends Error {
  override name = "AccessModelFileError";
}

/** Parses the access model file; a bad one is an error naming the file and the key path. */
export function parseAccessModel(text: string, file: string): AccessModelFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AccessModelFileError(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = accessModelFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AccessModelFileError(`${file}: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Every principal of the model that may read `contract`'s table, in the model's order. A column the model
 * names that the contract lacks means the file was written from other contracts: an error saying so.
 */
export function readersOf(model: AccessModelFile, contract: DatasetContract, file: string): DatasetReader[] {
  const known = new Set([...contract.columns, ...contract.auditColumns].map((c) => c.name));
  return model.personas.flatMap((p) =>
    p.tables
      .filter((t) => t.layer === contract.layer && t.dataset === contract.name)
      .map((t) => {
        const unknown = [...t.columns, ...t.hidden].filter((c) => !known.has(c));
        if (unknown.length > 0) {
          throw new AccessModelFileError(
            `${file}: persona ${p.persona} (${p.principal}), table ${t.table}: column ${unknown.join(", ")} is not in the contract; the file is stale, run \`make access-model\``,
          );
        }
        return {
          persona: p.persona,
          principal: p.principal,
          columns: t.columns,
          hidden: t.hidden,
          rowFilter: t.rowFilter,
        };
      }),
  );
}
