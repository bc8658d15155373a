// How a source lands in bronze. The kind decides the AWS service that lands it (file: the producer's own
// uploads, stream: Firehose, cdc: DMS, api: the lake's puller function); the service decides the layout and the
// formats that can arrive. A contract may only say what its service can write.
import type { ProblemList } from "../errors.js";
import {
  DEFAULT_COMMIT_ORDER_COLUMN,
  DMS_OPERATION_COLUMN,
  DMS_OPERATIONS,
  SOURCE_FORMATS,
  type CdcSource,
  type Column,
  type LandingLayout,
  type Source,
  type SourceDefinition,
  type SourceFormat,
  type SourceKind,
  type TableFormat,
} from "../types.js";
import { nameIssues } from "./names.js";

/** The formats each kind's service writes. */
export const SOURCE_KIND_FORMATS: Readonly<Record<SourceKind, readonly SourceFormat[]>> = {
  // Files arrive as their producer wrote them.
  file: SOURCE_FORMATS,
  // Firehose delivers the records as the producers sent them: JSON lines, in GZIP-compressed objects.
  stream: ["json"],
  // The DMS S3 target is set to Parquet, whose typed columns carry the operation and sequence columns.
  cdc: ["parquet"],
  // The puller writes each page's records as JSON lines.
  api: ["json"],
};

/** `dms` for `cdc` sources, the only layout DMS writes; `hive` for every other kind. */
export function defaultLayout(kind: SourceKind): LandingLayout {
  return kind === "cdc" ? "dms" : "hive";
}

/** DMS object-locator names, which also become folders: plain identifiers. */
const DMS_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** The source as the contract carries it, with what is derived from the dataset name and the kind. */
export function normalizeSource(dataset: string, def: SourceDefinition): Source {
  const bronzePrefix = `source=${dataset}/`;
  const layout = def.layout ?? defaultLayout(def.kind);
  const cdc: CdcSource | null = def.cdc
    ? {
        schema: def.cdc.schema,
        table: def.cdc.table,
        operationColumn: DMS_OPERATION_COLUMN,
        operations: DMS_OPERATIONS,
        commitOrderColumn: def.cdc.commitOrderColumn ?? DEFAULT_COMMIT_ORDER_COLUMN,
      }
    : null;
  return {
    kind: def.kind,
    format: def.format,
    schedule: def.schedule,
    bronzePrefix,
    layout,
    tablePrefix: layout === "dms" && cdc ? `${bronzePrefix}${cdc.schema}/${cdc.table}/` : bronzePrefix,
    cdc,
  };
}

export interface SourceColumns {
  readonly columns: readonly Column[];
  readonly auditColumns: readonly Column[];
  readonly orderingColumn: string | null;
  /** The table's storage format. */
  readonly format: TableFormat;
}

/** Records every way `def` asks for something its kind's service cannot land. */
export function validateSource(def: SourceDefinition, table: SourceColumns, problems: ProblemList): void {
  const formats = SOURCE_KIND_FORMATS[def.kind];
  if (!formats.includes(def.format)) {
    problems.add(
      "source.format",
      `A ${def.kind} source lands as ${formats.join(" or ")}, not ${def.format}.`,
      `Set format to ${formats.map((f) => `"${f}"`).join(" or ")}, or change the kind.`,
    );
  }
  const layout = def.layout ?? defaultLayout(def.kind);
  if (layout !== defaultLayout(def.kind)) {
    problems.add(
      "source.layout",
      def.kind === "cdc"
        ? `A cdc source is landed by DMS, which writes the dms layout (<schema>/<table>/YYYY/MM/DD/), not ${layout}.`
        : `The ${layout} layout is what DMS writes; a ${def.kind} source is landed in the hive layout.`,
      `Leave layout out (it follows the kind) or set it to "${defaultLayout(def.kind)}".`,
    );
  }
  if (def.kind !== "cdc") {
    if (def.cdc) {
      problems.add(
        "source.cdc",
        `cdc is set on a ${def.kind} source; only change data capture sources have change records.`,
        `Remove cdc, or set kind "cdc".`,
      );
    }
    return;
  }
  if (!def.cdc) {
    problems.add(
      "source.cdc",
      `A cdc source does not say which table DMS replicates.`,
      `Add cdc: { schema: "<source schema>", table: "<source table>" }.`,
    );
    return;
  }
  for (const key of ["schema", "table"] as const) {
    if (!DMS_IDENTIFIER.test(def.cdc[key])) {
      problems.add(
        `source.cdc.${key}`,
        `${JSON.stringify(def.cdc[key])} is not a plain identifier of at most 128 characters.`,
        `Name the source ${key} as the database does (letters, digits, underscores); DMS makes it a folder.`,
      );
    }
  }
  validateChangeColumns(def.cdc.commitOrderColumn ?? DEFAULT_COMMIT_ORDER_COLUMN, table, problems);
  // The silver table of a cdc source is the source table's current state: each day's changes replace rows
  // anywhere in it, which takes a table format that commits a whole new state at once (a Parquet folder
  // rewritten in place would be half old, half new to a reader, and lost if the job dies mid-write).
  if (!CURRENT_STATE_FORMATS.includes(table.format)) {
    problems.add(
      "format",
      `A cdc source's table holds the current state of ${def.cdc.schema}.${def.cdc.table}, which each day's changes replace atomically; a ${table.format} table cannot commit that.`,
      `Set format to ${CURRENT_STATE_FORMATS.map((f) => `"${f}"`).join(" or ")}.`,
    );
  }
}

/** Table formats whose writers commit a whole new table state atomically. */
export const CURRENT_STATE_FORMATS: readonly TableFormat[] = ["iceberg", "delta"];

/** The columns DMS adds must not collide with the table's, and DMS writes the commit time into the ordering one. */
function validateChangeColumns(commitOrder: string, table: SourceColumns, problems: ProblemList): void {
  for (const issue of nameIssues(commitOrder, "column")) {
    problems.add("source.cdc.commitOrderColumn", issue.message, issue.fix);
  }
  const names = [...table.columns, ...table.auditColumns].map((c) => c.name.toLowerCase());
  if (names.includes(commitOrder.toLowerCase())) {
    problems.add(
      "source.cdc.commitOrderColumn",
      `"${commitOrder}" is also a column of the table; DMS adds the commit-order column to each change record.`,
      `Name the commit-order column differently from every column of the contract.`,
    );
  }
  if (names.includes(DMS_OPERATION_COLUMN.toLowerCase())) {
    problems.add(
      "columns",
      `A column is named "${DMS_OPERATION_COLUMN.toLowerCase()}", which (case-insensitively) is DMS's operation column "${DMS_OPERATION_COLUMN}".`,
      `Rename the column.`,
    );
  }
  const ordering = table.columns.find((c) => c.name === table.orderingColumn);
  if (ordering && ordering.type.kind !== "timestamp") {
    problems.add(
      "orderingColumn",
      `The ordering column of a cdc source is "${ordering.name}" of type ${ordering.type.kind}; DMS writes the commit timestamp into it.`,
      `Use a timestamp column as the ordering column.`,
    );
  }
}
