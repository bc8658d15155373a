// `npx nx g @lake/schemas:dataset <name> --domain <d> --source file|stream|cdc|api --format json|csv|parquet|avro`:
// writes src/datasets/<name>.ts, a valid contract with commented placeholders. The registry is read from the
// contract files, so the file is the whole change. Every option is checked before anything is written.
import { SOURCE_FORMATS, SOURCE_KINDS, type SourceFormat, type SourceKind } from "../types.js";
import { nameIssues } from "../validate/names.js";
import { SOURCE_KIND_FORMATS } from "../validate/source.js";
import { chooseFrom } from "../validate/suggest.js";

export interface DatasetGeneratorOptions {
  readonly name: string;
  readonly domain: string;
  readonly source: string;
  readonly format: string;
}

/** The part of Nx's `Tree` the generator uses, so it is tested with a plain object. */
export interface GeneratorTree {
  exists(path: string): boolean;
  write(path: string, content: string): void;
}

export const DATASETS_PATH = "libs/schemas/src/datasets";

/** `support_tickets` -> `supportTickets`: the export name of the contract. */
const exportName = (name: string) => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** `orders` -> `order_id`: the key column of one record. */
const keyColumn = (name: string) => `${name.endsWith("s") ? name.slice(0, -1) : name}_id`;

/** Every problem with the options, one line each; [] when the contract can be written. */
export function datasetOptionProblems(
  options: Partial<DatasetGeneratorOptions>,
  fileExists: (path: string) => boolean,
): string[] {
  const problems: string[] = [];
  const { name, domain, source, format } = options;
  if (typeof name !== "string" || name === "")
    problems.push("Give the dataset a name: nx g @lake/schemas:dataset <name>.");
  else {
    for (const issue of nameIssues(name, "dataset")) problems.push(`name: ${issue.message} ${issue.fix}`);
    if (fileExists(`${DATASETS_PATH}/${name}.ts`)) {
      problems.push(
        `name: ${DATASETS_PATH}/${name}.ts exists already; pick another name or edit that contract.`,
      );
    }
  }
  if (typeof domain !== "string" || !/^[a-z][a-z0-9_]*$/.test(domain)) {
    problems.push(
      `--domain ${JSON.stringify(domain ?? "")} is not a lowercase snake_case word, e.g. --domain sales.`,
    );
  }
  if (!(SOURCE_KINDS as readonly unknown[]).includes(source)) {
    problems.push(
      `--source ${JSON.stringify(source ?? "")} is not a source kind. ${chooseFrom(String(source ?? ""), SOURCE_KINDS)}`,
    );
  }
  if (!(SOURCE_FORMATS as readonly unknown[]).includes(format)) {
    problems.push(
      `--format ${JSON.stringify(format ?? "")} is not a source format. ${chooseFrom(String(format ?? ""), SOURCE_FORMATS)}`,
    );
  } else if ((SOURCE_KINDS as readonly unknown[]).includes(source)) {
    // The kind's AWS service decides what can land (validate/source.ts): say so before writing a contract
    // that would fail validation.
    const landed = SOURCE_KIND_FORMATS[source as SourceKind];
    if (!landed.includes(format as SourceFormat)) {
      problems.push(
        `--format ${format}: a ${source} source lands as ${landed.join(" or ")}, not ${format}; use --format ${landed[0]}.`,
      );
    }
  }
  return problems;
}

const ARRIVAL: Readonly<Record<string, string>> = {
  file: "daily export file",
  stream: "event stream",
  cdc: "change data capture feed",
  api: "API, pulled",
};

/** The contract file for valid options: it passes defineDataset as written, placeholders and all. */
export function renderDatasetContract(o: DatasetGeneratorOptions): string {
  const key = keyColumn(o.name);
  return `// The ${o.name} contract, written by \`nx g @lake/schemas:dataset\`. Replace every placeholder (the comments say
// what each key means), then run \`make generate\`, \`make compat BASE=main\` and \`make plan-diff BASE=main\`.
// Reference: libs/schemas/README.md ("Add a dataset", "Type mapping", "Validation") and CONTRACT.md.
import { z } from "zod";
import { defineDataset } from "../define.js";

export const ${exportName(o.name)} = defineDataset({
  name: "${o.name}",
  layer: "silver",
  domain: "${o.domain}",
  // What one row is and where it comes from (the Glue table description, at most 2048 characters).
  description: "One row per ${o.name} record and ingest day, from the source's ${ARRIVAL[o.source]} (${o.format}).",
  // The owning team's address: who answers for the data and is asked about a breaking change.
  owner: "${o.domain.replaceAll("_", "-")}-data@example.com",${tableFormatLine(o)}
  // How the data arrives; schedule is an EventBridge cron expression in UTC (here daily at 03:00).
  source: { kind: "${o.source}", format: "${o.format}", schedule: "cron(0 3 * * ? *)"${cdcBlock(o)} },
  // The columns that identify a record; bronze -> silver keeps the latest version of each key.
  primaryKey: ["${key}"],
  // The column whose latest value wins when a key arrives twice.
  orderingColumn: "updated_at",
  columns: z.object({
    ${key}: z.string().meta({ description: "The source's id of the record." }),
    // Add the source's columns here, each with a description, e.g.
    //   total: col.decimal(12, 2).meta({ description: "Order total in EUR." }),   (import { col } from "../columns.js")
    //   email: z.email().nullable().meta({ description: "Buyer email.", classification: "pii", standardize: "email" }),
    updated_at: z.iso.datetime({ offset: true }).meta({ description: "When the source last changed the record (UTC)." }),
  }),
  // Quality rules (CONTRACT.md "Rules"): blocking ones quarantine failing rows, warnings only report them, e.g.
  //   { kind: "range", column: "total", min: 0 },
  //   { kind: "regex", column: "currency", pattern: "^[A-Z]{3}$" },
  rules: [],
});
`;
}

/** A cdc source's table is the replicated table's current state, which only Iceberg or Delta commit at once. */
function tableFormatLine(o: DatasetGeneratorOptions): string {
  if (o.source !== "cdc") return "";
  return `\n  // The current state of the replicated table: each day's changes are committed as one Iceberg snapshot.\n  format: "iceberg",`;
}

/** A cdc source names the database table DMS replicates; the domain and dataset name stand in for it. */
function cdcBlock(o: DatasetGeneratorOptions): string {
  if (o.source !== "cdc") return "";
  return `,\n    // The replicated table in the source database: DMS lands it under <schema>/<table>/.\n    cdc: { schema: "${o.domain}", table: "${o.name}" }`;
}

/** Nx generator: refuses bad options before writing, then writes the contract file. */
export function datasetGenerator(tree: GeneratorTree, options: DatasetGeneratorOptions): void {
  const problems = datasetOptionProblems(options, (path) => tree.exists(path));
  if (problems.length > 0) {
    throw new Error(
      `nx g @lake/schemas:dataset: nothing written.\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  tree.write(`${DATASETS_PATH}/${options.name}.ts`, renderDatasetContract(options));
}
