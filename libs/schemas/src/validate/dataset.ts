// Dataset-level rules: identity and ownership, and how layer, audit columns, source and keys fit together.
import type { ProblemList } from "../errors.js";
import type { AuditKind, Layer, SourceDefinition } from "../types.js";
import { cronError } from "./cron.js";
import { GLUE_TABLE_DESCRIPTION_MAX, nameIssues } from "./names.js";

export interface DatasetHeader {
  readonly name: string;
  readonly layer: Layer;
  readonly domain: string;
  readonly description: string;
  readonly owner: string;
  readonly audit: AuditKind;
  readonly source: SourceDefinition | null;
  readonly derivedFrom: readonly string[];
  readonly primaryKey: readonly string[];
  readonly orderingColumn: string | null;
  readonly partitionKeys: readonly string[];
}

export function validateHeader(h: DatasetHeader, problems: ProblemList): void {
  for (const issue of nameIssues(h.name, "dataset")) problems.add("name", issue.message, issue.fix);
  if (!/^[a-z][a-z0-9_]*$/.test(h.domain)) {
    problems.add(
      "domain",
      `domain ${JSON.stringify(h.domain)} is not a lowercase snake_case word.`,
      `Set the owning business domain, e.g. "crm".`,
    );
  }
  if (h.description.trim() === "") {
    problems.add(
      "description",
      `The dataset has no description.`,
      `Say what one row is and where it comes from.`,
    );
  } else if ([...h.description].length > GLUE_TABLE_DESCRIPTION_MAX) {
    problems.add(
      "description",
      `The description is longer than Glue's ${GLUE_TABLE_DESCRIPTION_MAX}-character table description.`,
      `Shorten it.`,
    );
  }
  if (h.owner.trim() === "") {
    problems.add(
      "owner",
      `The dataset has no owner.`,
      `Set owner to the owning team's address, e.g. "crm-data@example.com".`,
    );
  }

  if (h.layer === "gold" && h.source) {
    problems.add(
      "source",
      `A gold table has a source; gold tables are derived from silver, never landed from outside.`,
      `Remove source, or make the dataset a silver table.`,
    );
  }
  if (h.audit === "silver" && h.layer !== "silver") {
    problems.add(
      "audit",
      `audit "silver" is set on a ${h.layer} table.`,
      `Use audit "${h.layer}" or "none".`,
    );
  }
  if (h.audit === "gold" && h.layer !== "gold") {
    problems.add("audit", `audit "gold" is set on a ${h.layer} table.`, `Use audit "${h.layer}" or "none".`);
  }
  if (h.layer === "silver" && h.audit === "silver" && !h.source) {
    problems.add(
      "source",
      `A silver source table (audit "silver") has no source, so no job could feed it.`,
      `Add source: { kind, format, schedule }, or set audit "none" for a system table.`,
    );
  }
  if (h.source && h.audit !== "silver") {
    problems.add(
      "source",
      `The table has a source but audit "${h.audit}"; bronze -> silver adds the silver audit columns.`,
      `Set audit "silver" (the default in silver), or remove source.`,
    );
  }
  validateDerivedFrom(h, problems);
  if (h.source) {
    const error = cronError(h.source.schedule);
    if (error) {
      problems.add(
        "source.schedule",
        `Invalid schedule: ${error}.`,
        `Write an EventBridge cron expression, e.g. "cron(0 2 * * ? *)" for daily at 02:00 UTC.`,
      );
    }
    if (h.primaryKey.length === 0 || h.orderingColumn === null) {
      problems.add(
        h.primaryKey.length === 0 ? "primaryKey" : "orderingColumn",
        `A source table needs a primary key and an ordering column: bronze -> silver deduplicates on them.`,
        `Set primaryKey and orderingColumn (the column whose latest value wins).`,
      );
    }
  }
  if (h.audit === "silver" && !h.partitionKeys.includes("lake_ingest_date")) {
    problems.add(
      "partitionKeys",
      `A silver source table is not partitioned by lake_ingest_date, so a rerun of a day could not replace it.`,
      `Include "lake_ingest_date" in partitionKeys (the default).`,
    );
  }
}

/**
 * A gold table names the silver datasets it is built from (whether they exist and are silver is for the
 * registry to tell); a silver table, fed from bronze or written by the platform, names none.
 */
function validateDerivedFrom(h: DatasetHeader, problems: ProblemList): void {
  if (h.layer === "gold" && h.derivedFrom.length === 0) {
    problems.add(
      "derivedFrom",
      `A gold table does not say which silver datasets it is built from.`,
      `List them in derivedFrom, e.g. derivedFrom: ["customers", "transactions"]: its job's read access, ` +
        `its job's contracts and the pipeline's order come from it.`,
    );
  }
  if (h.layer !== "gold" && h.derivedFrom.length > 0) {
    problems.add(
      "derivedFrom",
      `derivedFrom is set on a ${h.layer} table; only gold tables are built from other datasets of the lake.`,
      `Remove derivedFrom${h.source ? " (the table is fed from its source)" : ""}.`,
    );
  }
  h.derivedFrom.forEach((name, i) => {
    if (h.derivedFrom.indexOf(name) !== i) {
      problems.add(
        `derivedFrom[${i}]`,
        `"${name}" is listed twice in derivedFrom.`,
        `List each dataset once.`,
      );
    }
  });
}
