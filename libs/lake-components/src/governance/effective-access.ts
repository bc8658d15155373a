// What a set of planned Lake Formation resources lets each principal read, evaluated the way Lake Formation
// documents it: a tag-based grant on TABLE reaches the columns whose effective tags (the column's own, else its
// table's, else its database's) satisfy every expression; a table grant reaches every column; a column grant its
// column names (or the wildcard minus its exclusions); a grant on a data cells filter reaches the filter's columns
// and only its rows. Grants add up: a column reached without a filter is read on every row. This is what the plan
// check compares with the access model and what `make access` prints; it runs on plain resource inputs (a plan file
// or the mocked engine's registrations), so it needs no AWS.
import type { DatasetRegistry, Layer } from "@lake/schemas";
import { tableKey, type PrincipalAccess } from "./access-model.js";

export const LF_TYPES = {
  permissions: "aws:lakeformation/permissions:Permissions",
  dataCellsFilter: "aws:lakeformation/dataCellsFilter:DataCellsFilter",
  resourceLfTags: "aws:lakeformation/resourceLfTags:ResourceLfTags",
} as const;

/** A resource as a plan records it: its type and plain inputs. */
export interface PlannedResource {
  readonly type: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** What a principal reads of one table: visible columns in table order, the row filter (null: every row). */
export interface EffectiveTable {
  readonly columns: readonly string[];
  readonly rowFilter: string | null;
}

/** principal -> `<layer>.<dataset>` -> what it reads. A principal or table that is absent reads nothing. */
export type EffectiveAccess = Map<string, Map<string, EffectiveTable>>;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === "object" ? (v as Obj) : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

interface TableInfo {
  readonly layer: Layer;
  readonly dataset: string;
  readonly database: string;
  readonly columns: readonly string[];
}

/**
 * The effective access of every principal granted SELECT among `resources`. `databases` names each layer's
 * Glue database, as the plan's grants do.
 */
export function effectiveAccess(
  resources: readonly PlannedResource[],
  registry: DatasetRegistry,
  databases: Readonly<Record<Layer, string>>,
): EffectiveAccess {
  const tables: TableInfo[] = registry.all().map((c) => ({
    layer: c.layer,
    dataset: c.name,
    database: databases[c.layer],
    columns: [...c.columns, ...c.auditColumns].map((col) => col.name),
  }));
  const findTable = (database: unknown, name: unknown) =>
    tables.find((t) => t.database === database && t.dataset === name);

  // Effective tag values: database, then table, then column assignments override for their key.
  const dbTags = new Map<string, Map<string, string>>();
  const tableTags = new Map<string, Map<string, string>>();
  const columnTags = new Map<string, Map<string, string>>();
  const put = (store: Map<string, Map<string, string>>, id: string, key: string, value: string) => {
    if (!store.has(id)) store.set(id, new Map());
    store.get(id)!.set(key, value);
  };
  for (const r of resources.filter((r) => r.type === LF_TYPES.resourceLfTags)) {
    const tags = (Array.isArray(r.inputs["lfTags"]) ? r.inputs["lfTags"] : []).map(obj);
    const database = obj(r.inputs["database"]);
    const table = obj(r.inputs["table"]);
    const columns = obj(r.inputs["tableWithColumns"]);
    for (const tag of tags) {
      const key = String(tag?.["key"]);
      const value = String(tag?.["value"]);
      if (database) put(dbTags, String(database["name"]), key, value);
      if (table) put(tableTags, `${String(table["databaseName"])}.${String(table["name"])}`, key, value);
      if (columns) {
        for (const c of strings(columns["columnNames"])) {
          put(columnTags, `${String(columns["databaseName"])}.${String(columns["name"])}.${c}`, key, value);
        }
      }
    }
  }
  const tagOf = (t: TableInfo, column: string, key: string) =>
    columnTags.get(`${t.database}.${t.dataset}.${column}`)?.get(key) ??
    tableTags.get(`${t.database}.${t.dataset}`)?.get(key) ??
    dbTags.get(t.database)?.get(key);

  const filters = resources
    .filter((r) => r.type === LF_TYPES.dataCellsFilter)
    .map((r) => obj(r.inputs["tableData"]) ?? {});

  const reached = new Map<
    string,
    Map<string, { columns: Set<string>; unfiltered: boolean; filters: Set<string> }>
  >();
  const reach = (principal: string, t: TableInfo, columns: readonly string[], filter: string | null) => {
    if (columns.length === 0) return;
    if (!reached.has(principal)) reached.set(principal, new Map());
    const byTable = reached.get(principal)!;
    const key = tableKey(t);
    if (!byTable.has(key)) byTable.set(key, { columns: new Set(), unfiltered: false, filters: new Set() });
    const entry = byTable.get(key)!;
    for (const c of columns) entry.columns.add(c);
    if (filter === null) entry.unfiltered = true;
    else entry.filters.add(filter);
  };

  for (const r of resources.filter((r) => r.type === LF_TYPES.permissions)) {
    if (!strings(r.inputs["permissions"]).includes("SELECT")) continue;
    const principal = String(r.inputs["principal"]);
    const policy = obj(r.inputs["lfTagPolicy"]);
    const table = obj(r.inputs["table"]);
    const withColumns = obj(r.inputs["tableWithColumns"]);
    const cells = obj(r.inputs["dataCellsFilter"]);
    if (policy && policy["resourceType"] === "TABLE") {
      const expressions = (Array.isArray(policy["expressions"]) ? policy["expressions"] : []).map(obj);
      for (const t of tables) {
        const matching = t.columns.filter((c) =>
          expressions.every((e) => {
            const value = tagOf(t, c, String(e?.["key"]));
            return value !== undefined && strings(e?.["values"]).includes(value);
          }),
        );
        reach(principal, t, matching, null);
      }
    } else if (table) {
      const targets =
        table["wildcard"] === true
          ? tables.filter((t) => t.database === table["databaseName"])
          : [findTable(table["databaseName"], table["name"])];
      for (const t of targets) if (t) reach(principal, t, t.columns, null);
    } else if (withColumns) {
      const t = findTable(withColumns["databaseName"], withColumns["name"]);
      if (!t) continue;
      const excluded = strings(withColumns["excludedColumnNames"]);
      const columns =
        withColumns["wildcard"] === true
          ? t.columns.filter((c) => !excluded.includes(c))
          : strings(withColumns["columnNames"]);
      reach(principal, t, columns, null);
    } else if (cells) {
      const t = findTable(cells["databaseName"], cells["tableName"]);
      const filter = filters.find(
        (f) =>
          f["databaseName"] === cells["databaseName"] &&
          f["tableName"] === cells["tableName"] &&
          f["name"] === cells["name"],
      );
      if (!t || !filter) continue;
      const wildcard = obj(filter["columnWildcard"]);
      const columns = wildcard
        ? t.columns.filter((c) => !strings(wildcard["excludedColumnNames"]).includes(c))
        : strings(filter["columnNames"]);
      const rowFilter = obj(filter["rowFilter"]);
      const expression =
        rowFilter && typeof rowFilter["filterExpression"] === "string" ? rowFilter["filterExpression"] : null;
      reach(principal, t, columns, expression);
    }
  }

  const access: EffectiveAccess = new Map();
  for (const [principal, byTable] of reached) {
    const out = new Map<string, EffectiveTable>();
    for (const [key, entry] of [...byTable].sort(([a], [b]) => a.localeCompare(b))) {
      const t = tables.find((x) => tableKey(x) === key)!;
      out.set(key, {
        columns: t.columns.filter((c) => entry.columns.has(c)),
        rowFilter:
          entry.unfiltered || entry.filters.size === 0
            ? null
            : [...entry.filters]
                .sort()
                .map((f) => `(${f})`)
                .join(" OR "),
      });
    }
    access.set(principal, out);
  }
  return access;
}

/** The model's access of one principal in the same form, for comparing with `effectiveAccess`. */
export function expectedAccess(access: PrincipalAccess): Map<string, EffectiveTable> {
  return new Map(
    access.tables.map((t) => [
      tableKey(t),
      {
        columns: t.columns.map((c) => c.name),
        rowFilter: t.rowFilter ? `(${t.rowFilter.expression})` : null,
      },
    ]),
  );
}
