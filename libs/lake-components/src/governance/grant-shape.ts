// The shapes of a Lake Formation grant and data cells filter the APIs accept, checked before anything is created
// (and over a plan), because moto's Lake Formation accepts any grant and the real service refuses at deploy time.
// Sources: the GrantPermissions API reference (a Resource names exactly one kind; TableWithColumnsResource "is only
// used when granting a SELECT permission" and needs ColumnNames or ColumnWildcard, of which the grants here set
// exactly one), the provider's translation (`excludedColumnNames` becomes ColumnWildcard{ExcludedColumnNames} and
// needs `wildcard: true`), and CreateDataCellsFilter ("either a ColumnNames list or the ColumnWildCard"; a row
// filter is an expression or the all-rows wildcard).

/** Permissions GrantPermissions takes on catalog resources. */
export const LF_PERMISSIONS = [
  "ALL",
  "ALTER",
  "ASSOCIATE",
  "CREATE_DATABASE",
  "CREATE_TABLE",
  "DATA_LOCATION_ACCESS",
  "DELETE",
  "DESCRIBE",
  "DROP",
  "INSERT",
  "SELECT",
] as const;

const RESOURCE_KINDS = [
  "catalogResource",
  "dataCellsFilter",
  "dataLocation",
  "database",
  "lfTag",
  "lfTagPolicy",
  "table",
  "tableWithColumns",
] as const;

/** The inputs of an `aws.lakeformation.Permissions`, as a plain object (what a plan records). */
export type PermissionsShape = Readonly<Record<string, unknown>>;

const present = (v: unknown) => v !== undefined && v !== null && v !== false;
const nonEmptyList = (v: unknown) => Array.isArray(v) && v.length > 0;

/** Why Lake Formation would refuse the grant `args`; [] when its shape is one the API accepts. */
export function grantShapeProblems(args: PermissionsShape): string[] {
  const problems: string[] = [];
  // Before deployment the principal may be an output of another resource or stack; its value is checked in plans.
  if (!present(args["principal"]) || args["principal"] === "") problems.push("no principal");
  if (args["principal"] === "IAM_ALLOWED_PRINCIPALS") {
    problems.push("grants to IAM_ALLOWED_PRINCIPALS, which puts the resource back under IAM-only access");
  }
  const permissions = args["permissions"];
  if (!nonEmptyList(permissions)) problems.push("no permissions");
  const unknown = ((permissions as unknown[]) ?? []).filter(
    (p) => !(LF_PERMISSIONS as readonly unknown[]).includes(p),
  );
  if (unknown.length > 0) problems.push(`unknown permissions ${unknown.join(", ")}`);

  const kinds = RESOURCE_KINDS.filter((k) => present(args[k]));
  if (kinds.length !== 1) {
    problems.push(
      kinds.length === 0
        ? "names no resource"
        : `names ${kinds.length} resources (${kinds.join(", ")}); a grant names exactly one`,
    );
    return problems;
  }
  const resource = args[kinds[0]!] as Record<string, unknown>;
  switch (kinds[0]) {
    case "tableWithColumns": {
      const names = present(resource["columnNames"]);
      const wildcard = resource["wildcard"] === true;
      const excluded = present(resource["excludedColumnNames"]);
      if (names && wildcard) problems.push("sets columnNames and the column wildcard together");
      if (names && excluded) problems.push("sets columnNames and excludedColumnNames together");
      if (!names && !wildcard) problems.push("sets neither columnNames nor the column wildcard");
      if (names && !nonEmptyList(resource["columnNames"])) problems.push("columnNames is empty");
      if (excluded && !wildcard) problems.push("excludedColumnNames without wildcard: true");
      if (nonEmptyList(permissions) && (permissions as unknown[]).some((p) => p !== "SELECT")) {
        problems.push("a column-limited grant takes SELECT only");
      }
      if (!present(resource["databaseName"]) || !present(resource["name"])) {
        problems.push("tableWithColumns needs databaseName and name");
      }
      break;
    }
    case "table": {
      const named = present(resource["name"]);
      if (named === (resource["wildcard"] === true))
        problems.push("table sets exactly one of name and wildcard");
      if (!present(resource["databaseName"])) problems.push("table needs databaseName");
      break;
    }
    case "lfTagPolicy": {
      if (!["DATABASE", "TABLE"].includes(resource["resourceType"] as string)) {
        problems.push('lfTagPolicy resourceType must be "DATABASE" or "TABLE"');
      }
      const expressions = resource["expressions"];
      if (!nonEmptyList(expressions)) problems.push("lfTagPolicy has no expression");
      for (const e of (expressions as { key?: unknown; values?: unknown }[] | undefined) ?? []) {
        if (typeof e.key !== "string" || !nonEmptyList(e.values)) {
          problems.push(`lfTagPolicy expression ${JSON.stringify(e)} needs a key and values`);
        }
      }
      break;
    }
    case "dataCellsFilter": {
      for (const field of ["databaseName", "name", "tableCatalogId", "tableName"]) {
        if (!present(resource[field])) problems.push(`dataCellsFilter needs ${field}`);
      }
      if (
        nonEmptyList(permissions) &&
        (permissions as unknown[]).some((p) => !["SELECT", "DESCRIBE", "DROP"].includes(p as string))
      ) {
        problems.push("a data cells filter grant takes SELECT, DESCRIBE or DROP");
      }
      break;
    }
    case "database":
      if (!present(resource["name"])) problems.push("database needs name");
      break;
    default:
      break;
  }
  return problems;
}

/** Why CreateDataCellsFilter would refuse `tableData`; [] when it accepts its shape. */
export function dataCellsFilterShapeProblems(tableData: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const field of ["name", "databaseName", "tableName", "tableCatalogId"]) {
    if (!present(tableData[field])) problems.push(`needs ${field}`);
  }
  const names = present(tableData["columnNames"]);
  const wildcard = present(tableData["columnWildcard"]);
  if (names === wildcard) problems.push("sets exactly one of columnNames and columnWildcard");
  if (names && !nonEmptyList(tableData["columnNames"])) problems.push("columnNames is empty");
  const rowFilter = tableData["rowFilter"] as Record<string, unknown> | undefined;
  if (!rowFilter) problems.push("needs rowFilter (an expression, or allRowsWildcard for every row)");
  else if (present(rowFilter["filterExpression"]) === present(rowFilter["allRowsWildcard"])) {
    problems.push("rowFilter sets exactly one of filterExpression and allRowsWildcard");
  }
  return problems;
}
