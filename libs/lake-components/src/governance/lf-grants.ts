// The Lake Formation resources the access model renders to: LF-tags on databases, tables and columns from the
// contracts, tag-based grants (LF-TBAC) for the personas a tag expression describes, named grants where it cannot
// (a persona with a row filter, the pipeline's per-job scopes), and data cells filters for the row filters. Plain
// argument objects, so the shapes are checked (`grantShapeProblems`) before any resource exists and the stack only
// wires them.
import type * as pulumi from "@pulumi/pulumi";
import type { DatasetRegistry, Layer } from "@lake/schemas";
import { LAYERS } from "@lake/schemas";
import {
  grantsByTags,
  tableKey,
  type PersonaSpec,
  type PrincipalAccess,
  type PrincipalRef,
} from "./access-model.js";
import { dataCellsFilterShapeProblems, grantShapeProblems } from "./grant-shape.js";

/** The LF-tag keys the lake's grants are written against. */
export interface LfTagKeys {
  readonly classification: string;
  readonly layer: string;
  readonly domain: string;
}

export const lfTagKeysFor = (prefix: string): LfTagKeys => ({
  classification: `${prefix}_classification`,
  layer: `${prefix}_layer`,
  domain: `${prefix}_domain`,
});

export type TagTarget =
  | { readonly kind: "database"; readonly layer: Layer }
  | { readonly kind: "table"; readonly layer: Layer; readonly dataset: string }
  | {
      readonly kind: "columns";
      readonly layer: Layer;
      readonly dataset: string;
      readonly columns: readonly string[];
    };

export interface TagAssignment {
  /** Unique among the assignments: names the resource. */
  readonly id: string;
  readonly target: TagTarget;
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

/**
 * Databases carry their layer; tables their domain and the classification `public`, the value their columns
 * inherit; every column of another classification carries its own, by name (the column wildcard cannot be
 * tagged). A struct column holding one pii field is pii here (`Column.classification`).
 */
export function tagAssignments(registry: DatasetRegistry, keys: LfTagKeys): TagAssignment[] {
  const layers = LAYERS.filter((l) => registry.byLayer(l).length > 0);
  return [
    ...layers.map((layer) => ({
      id: `db-${layer}`,
      target: { kind: "database" as const, layer },
      tags: [{ key: keys.layer, value: layer }],
    })),
    ...registry.all().flatMap((c) => {
      const columns = [...c.columns, ...c.auditColumns];
      const sensitive = (["pii", "confidential"] as const)
        .map((classification) => ({
          classification,
          names: columns.filter((col) => col.classification === classification).map((col) => col.name),
        }))
        .filter((g) => g.names.length > 0);
      return [
        {
          id: `${c.layer}-${c.name}`,
          target: { kind: "table" as const, layer: c.layer, dataset: c.name },
          tags: [
            { key: keys.domain, value: c.domain },
            { key: keys.classification, value: "public" },
          ],
        },
        ...sensitive.map((g) => ({
          id: `${c.layer}-${c.name}-${g.classification}`,
          target: { kind: "columns" as const, layer: c.layer, dataset: c.name, columns: g.names },
          tags: [{ key: keys.classification, value: g.classification }],
        })),
      ];
    }),
  ];
}

/** Where the rendered arguments take names from: the databases and principals come from other stacks. */
export interface GrantContext {
  readonly databases: Readonly<Record<Layer, pulumi.Input<string>>>;
  readonly catalogId: pulumi.Input<string>;
  readonly principal: (ref: PrincipalRef, persona: string) => pulumi.Input<string>;
}

export interface RenderedGrant {
  /** Unique: names the resource. */
  readonly id: string;
  readonly persona: string;
  /** The data cells filter (by id) the grant is on, which must exist first. */
  readonly filter: string | null;
  readonly args: {
    readonly principal: pulumi.Input<string>;
    readonly permissions: string[];
    readonly [resource: string]: unknown;
  };
}

export interface RenderedFilter {
  readonly id: string;
  readonly tableData: {
    readonly name: string;
    readonly databaseName: pulumi.Input<string>;
    readonly tableName: string;
    readonly tableCatalogId: pulumi.Input<string>;
    readonly columnNames?: string[];
    readonly columnWildcard?: { excludedColumnNames: string[] };
    readonly rowFilter: { filterExpression: string };
  };
}

const principalSlug = (ref: PrincipalRef) =>
  ref.kind === "job-role" ? `${ref.job.replaceAll("_", "-")}-${ref.dataset.replaceAll("_", "-")}` : "";

/** The grants and data cells filters that give each principal exactly its access in `model`. */
export function renderGrants(
  model: readonly PrincipalAccess[],
  personas: readonly PersonaSpec[],
  keys: LfTagKeys,
  ctx: GrantContext,
): { grants: RenderedGrant[]; filters: RenderedFilter[] } {
  const grants: RenderedGrant[] = [];
  const filters: RenderedFilter[] = [];
  const byName = new Map(personas.map((p) => [p.name, p]));
  for (const access of model) {
    const persona = byName.get(access.persona)!;
    const principal = ctx.principal(access.principal, persona.name);
    const slug = [persona.name.replaceAll("_", "-"), principalSlug(access.principal)]
      .filter(Boolean)
      .join("-");
    const grant = (
      id: string,
      permissions: string[],
      resource: Record<string, unknown>,
      filter: string | null = null,
    ) =>
      grants.push({
        id: `${slug}-${id}`,
        persona: persona.name,
        filter,
        args: { principal, permissions, ...resource },
      });

    if (grantsByTags(persona)) {
      const layers = [...persona.layers].sort();
      grant("databases", ["DESCRIBE"], {
        lfTagPolicy: { resourceType: "DATABASE", expressions: [{ key: keys.layer, values: layers }] },
      });
      grant("tables", ["DESCRIBE", "SELECT"], {
        lfTagPolicy: {
          resourceType: "TABLE",
          expressions: [
            { key: keys.layer, values: layers },
            { key: keys.classification, values: [...persona.classifications].sort() },
          ],
        },
      });
      continue;
    }
    const layers = [...new Set(access.tables.map((t) => t.layer))].sort();
    for (const layer of layers)
      grant(`db-${layer}`, ["DESCRIBE"], { database: { name: ctx.databases[layer] } });
    for (const t of access.tables) {
      const id = `${t.layer}-${t.dataset.replaceAll("_", "-")}`;
      const databaseName = ctx.databases[t.layer];
      if (t.rowFilter) {
        const filterId = `${slug}-${id}`;
        filters.push({
          id: filterId,
          tableData: {
            name: t.rowFilter.name,
            databaseName,
            tableName: t.dataset,
            tableCatalogId: ctx.catalogId,
            // The visible columns by name: a column added later stays hidden until the contracts say otherwise.
            ...(t.hidden.length > 0
              ? { columnNames: t.columns.map((c) => c.name) }
              : { columnWildcard: { excludedColumnNames: [] } }),
            rowFilter: { filterExpression: t.rowFilter.expression },
          },
        });
        grant(
          `${id}-filtered`,
          ["SELECT"],
          {
            dataCellsFilter: {
              databaseName,
              name: t.rowFilter.name,
              tableCatalogId: ctx.catalogId,
              tableName: t.dataset,
            },
          },
          filterId,
        );
      } else if (t.hidden.length > 0) {
        grant(id, ["SELECT"], {
          tableWithColumns: { databaseName, name: t.dataset, columnNames: t.columns.map((c) => c.name) },
        });
      } else {
        grant(id, [...t.permissions], { table: { databaseName, name: t.dataset } });
      }
    }
  }
  const problems = [
    ...grants.flatMap((g) => grantShapeProblems(g.args).map((p) => `grant ${g.id}: ${p}`)),
    ...filters.flatMap((f) =>
      dataCellsFilterShapeProblems(f.tableData).map((p) => `data cells filter ${f.id}: ${p}`),
    ),
  ];
  const ids = [...grants.map((g) => g.id), ...filters.map((f) => f.id)];
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) problems.push(`names used twice: ${[...new Set(repeated)].join(", ")}`);
  if (problems.length > 0)
    throw new Error(`Lake Formation grants the API would refuse:\n  ${problems.join("\n  ")}`);
  return { grants, filters };
}

/** The tables a model lists, as `<layer>.<dataset>` (for reports). */
export const modelTables = (access: PrincipalAccess) => access.tables.map(tableKey);
