// The lake's access model, computed once: from the contracts (each column's classification as services that only
// know top-level columns see it) and the personas of the governance stack's config, what each principal may read,
// per table the visible columns and the row filter. The Lake Formation grants are rendered from it, the offline
// `make access` check reads the plan back against it, and the local lake's persona views apply it in Spark.
import type { Classification, DatasetContract, DatasetRegistry, Layer } from "@lake/schemas";
import { validateRowFilter } from "./row-filter.js";

/** The stack-created roles a persona may ask for, by the service that assumes them. */
export const PERSONA_SERVICES = {
  sagemaker: "sagemaker.amazonaws.com",
  quicksight: "quicksight.amazonaws.com",
};
export type PersonaService = keyof typeof PERSONA_SERVICES;

/** Who a persona is: an IAM principal ARN, a role the stack creates, another account (sharing), or the jobs. */
export type PersonaPrincipal =
  | { readonly kind: "arn"; readonly arn: string }
  | { readonly kind: "service-role"; readonly service: PersonaService }
  | { readonly kind: "account"; readonly accountId: string }
  | { readonly kind: "pipeline" };

/** A row-level rule: rows of `table` (`<layer>.<dataset>`) the persona sees, as a data cells filter. */
export interface RowFilterSpec {
  /** The filter's name (data cells filter `<persona>_<name>`). */
  readonly name: string;
  readonly table: string;
  readonly expression: string;
}

export interface PersonaSpec {
  /** snake_case: it names grants, filters, roles and views. */
  readonly name: string;
  readonly principal: PersonaPrincipal;
  /** Layers whose tables the persona reads (ignored for the pipeline, whose jobs' scopes come from the contracts). */
  readonly layers: readonly Layer[];
  /** Column classifications it sees; a column of any other classification is hidden. */
  readonly classifications: readonly Classification[];
  readonly rowFilters: readonly RowFilterSpec[];
}

/**
 * The jobs the pipeline persona stands for, one role each (the silver and gold stacks export them);
 * `data_quality` is the role a Glue Data Quality evaluation of a source's ruleset runs as.
 */
export type PipelineJob = "bronze_to_silver" | "quality" | "data_quality" | "silver_to_gold";

/** The principal one access entry is for: the persona's, or for the pipeline one job's role. */
export type PrincipalRef =
  | Exclude<PersonaPrincipal, { kind: "pipeline" }>
  | { readonly kind: "job-role"; readonly job: PipelineJob; readonly dataset: string };

export const READ_PERMISSIONS = ["DESCRIBE", "SELECT"] as const;
export const WRITE_PERMISSIONS = ["ALTER", "DELETE", "DESCRIBE", "INSERT", "SELECT"] as const;
export type TablePermission = (typeof WRITE_PERMISSIONS)[number];

export interface VisibleColumn {
  readonly name: string;
  readonly classification: Classification;
}

export interface RowFilter {
  /** The data cells filter's name. */
  readonly name: string;
  /** As Lake Formation evaluates it. */
  readonly expression: string;
  /** The same expression in Spark SQL (quoted identifiers in backticks). */
  readonly spark: string;
}

export interface TableAccess {
  readonly layer: Layer;
  readonly dataset: string;
  /** Visible columns in table order; every column of the table when none is hidden. */
  readonly columns: readonly VisibleColumn[];
  /** Columns the persona does not see, in table order. */
  readonly hidden: readonly VisibleColumn[];
  readonly rowFilter: RowFilter | null;
  readonly permissions: readonly TablePermission[];
}

export interface PrincipalAccess {
  readonly persona: string;
  readonly principal: PrincipalRef;
  /** Sorted by `<layer>.<dataset>`; a table not listed is not visible at all. */
  readonly tables: readonly TableAccess[];
}

/** `<layer>.<dataset>`: how config, reports and `make access` name a table. */
export const tableKey = (t: { readonly layer: string; readonly dataset: string }) =>
  `${t.layer}.${t.dataset}`;

/** A bad persona or filter: names the persona, the table and the column where there is one. */
export class AccessModelError extends Error {
  constructor(
    readonly persona: string,
    readonly table: string | null,
    detail: string,
  ) {
    super(`persona ${persona}${table ? `, table ${table}` : ""}: ${detail}`);
    this.name = "AccessModelError";
  }
}

function tableColumns(contract: DatasetContract): VisibleColumn[] {
  return [...contract.columns, ...contract.auditColumns].map((c) => ({
    name: c.name,
    classification: c.classification,
  }));
}

function tableAccess(
  contract: DatasetContract,
  visible: readonly Classification[],
  permissions: readonly TablePermission[],
  rowFilter: RowFilter | null,
): TableAccess {
  const columns = tableColumns(contract);
  return {
    layer: contract.layer,
    dataset: contract.name,
    columns: columns.filter((c) => visible.includes(c.classification)),
    hidden: columns.filter((c) => !visible.includes(c.classification)),
    rowFilter,
    permissions,
  };
}

/** Every table each pipeline job reads and writes, as the silver and gold stacks scope the jobs' roles. */
export function pipelineScopes(
  registry: DatasetRegistry,
): { job: PipelineJob; dataset: string; reads: DatasetContract[]; writes: DatasetContract[] }[] {
  const quarantine = registry.get("quarantine");
  const qualityResults = registry.get("quality_results");
  return [
    ...registry.withSource().flatMap((c) => [
      { job: "bronze_to_silver" as const, dataset: c.name, reads: [], writes: [c, quarantine] },
      {
        job: "quality" as const,
        dataset: c.name,
        reads: [c, ...registry.referencesOf(c)],
        writes: [qualityResults],
      },
      // Glue Data Quality reads what the quality job reads and writes no table (it publishes to its ruleset).
      { job: "data_quality" as const, dataset: c.name, reads: [c, ...registry.referencesOf(c)], writes: [] },
    ]),
    ...registry.byLayer("gold").map((c) => ({
      job: "silver_to_gold" as const,
      dataset: c.name,
      reads: [...registry.sourcesOf(c)],
      writes: [c],
    })),
  ];
}

const ALL_CLASSIFICATIONS: readonly Classification[] = ["pii", "confidential", "public"];

function pipelineAccess(registry: DatasetRegistry, persona: PersonaSpec): PrincipalAccess[] {
  return pipelineScopes(registry).map(({ job, dataset, reads, writes }) => {
    const written = new Set(writes.map((c) => c.name));
    const tables = [...writes, ...reads.filter((c) => !written.has(c.name))].map((c) =>
      tableAccess(c, ALL_CLASSIFICATIONS, written.has(c.name) ? WRITE_PERMISSIONS : READ_PERMISSIONS, null),
    );
    return {
      persona: persona.name,
      principal: { kind: "job-role", job, dataset },
      tables: tables.sort((a, b) => tableKey(a).localeCompare(tableKey(b))),
    };
  });
}

function filtersOf(registry: DatasetRegistry, persona: PersonaSpec): Map<string, RowFilter> {
  const filters = new Map<string, RowFilter>();
  for (const spec of persona.rowFilters) {
    const [layer, dataset, ...rest] = spec.table.split(".");
    const contract = registry.all().find((c) => c.layer === layer && c.name === dataset);
    if (!contract || rest.length > 0) {
      throw new AccessModelError(
        persona.name,
        spec.table,
        `row filter ${spec.name}: no such table (name it <layer>.<dataset>, one of ${registry
          .all()
          .map((c) => tableKey({ layer: c.layer, dataset: c.name }))
          .join(", ")})`,
      );
    }
    if (!persona.layers.includes(contract.layer)) {
      throw new AccessModelError(
        persona.name,
        spec.table,
        `row filter ${spec.name}: the persona reads no ${contract.layer} table (layers: ${persona.layers.join(", ")})`,
      );
    }
    if (filters.has(spec.table)) {
      throw new AccessModelError(persona.name, spec.table, "two row filters on one table; join them with OR");
    }
    let parsed;
    try {
      parsed = validateRowFilter(contract, spec.expression);
    } catch (err) {
      throw new AccessModelError(
        persona.name,
        spec.table,
        `row filter ${spec.name}: ${(err as Error).message}`,
      );
    }
    // A filter reading a hidden column would leak it through the rows it selects.
    const byName = new Map(tableColumns(contract).map((c) => [c.name, c]));
    for (const ref of parsed.columns) {
      const column = byName.get(ref.path[0]!)!;
      if (!persona.classifications.includes(column.classification)) {
        throw new AccessModelError(
          persona.name,
          spec.table,
          `row filter ${spec.name} reads column ${ref.path.join(".")} (${column.classification}), which the persona must not see`,
        );
      }
    }
    filters.set(spec.table, {
      name: `${persona.name}_${spec.name}`,
      expression: spec.expression,
      spark: parsed.spark,
    });
  }
  return filters;
}

/**
 * Per principal, the tables it reads with their visible columns and row filter. A persona reads every table of
 * its layers, seeing the columns whose classification it is allowed; the pipeline's job roles read and write
 * exactly their jobs' tables, every column. A principal that is not here has no grant and sees nothing.
 */
export function accessModel(registry: DatasetRegistry, personas: readonly PersonaSpec[]): PrincipalAccess[] {
  const names = new Set<string>();
  const model: PrincipalAccess[] = [];
  for (const persona of personas) {
    if (names.has(persona.name))
      throw new AccessModelError(persona.name, null, "two personas have this name");
    names.add(persona.name);
    if (persona.principal.kind === "pipeline") {
      if (persona.rowFilters.length > 0) {
        throw new AccessModelError(
          persona.name,
          null,
          "the pipeline's jobs read every row: it takes no row filter",
        );
      }
      model.push(...pipelineAccess(registry, persona));
      continue;
    }
    if (persona.classifications.length === 0) {
      throw new AccessModelError(persona.name, null, "sees no classification: give it at least public");
    }
    const filters = filtersOf(registry, persona);
    const tables = registry
      .all()
      .filter((c) => persona.layers.includes(c.layer))
      .map((c) =>
        tableAccess(
          c,
          persona.classifications,
          READ_PERMISSIONS,
          filters.get(tableKey({ layer: c.layer, dataset: c.name })) ?? null,
        ),
      )
      // A table none of whose columns the persona may see is not visible at all.
      .filter((t) => t.columns.length > 0)
      .sort((a, b) => tableKey(a).localeCompare(tableKey(b)));
    model.push({ persona: persona.name, principal: persona.principal, tables });
  }
  return model;
}

/** Does the persona get its tables through LF-tag expressions? Only when it has no row filter: a tag grant
 * covers whole tables, and Lake Formation unions grants, so a filtered table needs named grants throughout. */
export function grantsByTags(persona: PersonaSpec): boolean {
  return persona.principal.kind !== "pipeline" && persona.rowFilters.length === 0;
}
