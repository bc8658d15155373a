import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Layer } from "@lake/schemas";
import type { RenderedFilter, RenderedGrant, TagAssignment } from "./lf-grants.js";

export interface LfTagDefinition {
  readonly key: string;
  readonly values: readonly string[];
}

export interface LakeAccessArgs {
  /** The LF-tags to create. */
  readonly tags: readonly LfTagDefinition[];
  /** Where each tag value goes (`tagAssignments`). */
  readonly assignments: readonly TagAssignment[];
  /** The Glue database of each layer. */
  readonly databases: Readonly<Record<Layer, pulumi.Input<string>>>;
  readonly catalogId: pulumi.Input<string>;
  /** The grants and data cells filters (`renderGrants`), their shapes already checked. */
  readonly grants: readonly RenderedGrant[];
  readonly filters: readonly RenderedFilter[];
}

const slug = (s: string) => s.replaceAll("_", "-");

/**
 * The lake's LF-tags, their assignment to databases, tables and columns, the data cells filters and the grants.
 * Grants wait for the tags (a tag expression over unassigned tags matches nothing yet) and for their filter.
 */
export class LakeAccess extends pulumi.ComponentResource {
  /** Every LF-tag as created: key and values. */
  public readonly lfTags: pulumi.Output<{ key: string; values: string[] }[]>;

  constructor(name: string, args: LakeAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:governance:LakeAccess", name, {}, opts);
    const tags = args.tags.map(
      (t) =>
        new aws.lakeformation.LfTag(
          `${name}-tag-${slug(t.key)}`,
          { catalogId: args.catalogId, key: t.key, values: [...t.values] },
          { parent: this },
        ),
    );
    const assigned = args.assignments.map((a) => {
      const target = a.target;
      const databaseName = args.databases[target.layer];
      const resource =
        target.kind === "database"
          ? { database: { name: databaseName, catalogId: args.catalogId } }
          : target.kind === "table"
            ? { table: { databaseName, name: target.dataset, catalogId: args.catalogId } }
            : {
                tableWithColumns: {
                  databaseName,
                  name: target.dataset,
                  columnNames: [...target.columns],
                  catalogId: args.catalogId,
                },
              };
      return new aws.lakeformation.ResourceLfTags(
        `${name}-tags-${slug(a.id)}`,
        {
          catalogId: args.catalogId,
          lfTags: a.tags.map((t) => ({ ...t, catalogId: args.catalogId })),
          ...resource,
        },
        { parent: this, dependsOn: tags },
      );
    });
    const filters = new Map(
      args.filters.map((f) => [
        f.id,
        new aws.lakeformation.DataCellsFilter(
          `${name}-filter-${f.id}`,
          { tableData: f.tableData },
          { parent: this },
        ),
      ]),
    );
    for (const g of args.grants) {
      const filter = g.filter ? filters.get(g.filter) : undefined;
      new aws.lakeformation.Permissions(
        `${name}-grant-${g.id}`,
        { catalogId: args.catalogId, ...(g.args as aws.lakeformation.PermissionsArgs) },
        { parent: this, dependsOn: [...assigned, ...(filter ? [filter] : [])] },
      );
    }
    this.lfTags = pulumi.all(
      tags.map((t) => pulumi.all([t.key, t.values]).apply(([key, values]) => ({ key, values }))),
    );
    this.registerOutputs({ lfTags: this.lfTags });
  }
}
