import { describe, expect, it } from "vitest";
import { dataCellsFilterShapeProblems, grantShapeProblems } from "../../src/governance/grant-shape.js";

const principal = "arn:aws:iam::123456789012:role/analyst";
const table = { databaseName: "gold", name: "customer_360" };

describe("grantShapeProblems", () => {
  it.each([
    [
      "column names",
      { principal, permissions: ["SELECT"], tableWithColumns: { ...table, columnNames: ["country"] } },
    ],
    [
      "the wildcard with excluded names",
      {
        principal,
        permissions: ["SELECT"],
        tableWithColumns: { ...table, wildcard: true, excludedColumnNames: ["email"] },
      },
    ],
    ["a whole table", { principal, permissions: ["SELECT", "DESCRIBE"], table }],
    [
      "every table of a database",
      { principal, permissions: ["DESCRIBE"], table: { databaseName: "gold", wildcard: true } },
    ],
    [
      "a tag expression",
      {
        principal,
        permissions: ["SELECT"],
        lfTagPolicy: { resourceType: "TABLE", expressions: [{ key: "lake_layer", values: ["gold"] }] },
      },
    ],
    [
      "a data cells filter",
      {
        principal,
        permissions: ["SELECT"],
        dataCellsFilter: {
          databaseName: "gold",
          name: "f",
          tableCatalogId: "123456789012",
          tableName: "customer_360",
        },
      },
    ],
  ])("accepts %s", (_what, args) => {
    expect(grantShapeProblems(args)).toEqual([]);
  });

  it.each([
    // The seed's grant: a column list and the column wildcard together.
    [
      {
        principal,
        permissions: ["SELECT"],
        tableWithColumns: { ...table, columnNames: ["country"], wildcard: true },
      },
      "sets columnNames and the column wildcard together",
    ],
    [
      {
        principal,
        permissions: ["SELECT"],
        tableWithColumns: { ...table, columnNames: ["country"], excludedColumnNames: ["email"] },
      },
      "sets columnNames and excludedColumnNames together",
    ],
    [
      { principal, permissions: ["SELECT"], tableWithColumns: { ...table, excludedColumnNames: ["email"] } },
      "excludedColumnNames without wildcard: true",
    ],
    [
      { principal, permissions: ["SELECT"], tableWithColumns: table },
      "sets neither columnNames nor the column wildcard",
    ],
    [
      { principal, permissions: ["SELECT"], tableWithColumns: { ...table, columnNames: [] } },
      "columnNames is empty",
    ],
    [
      {
        principal,
        permissions: ["SELECT", "INSERT"],
        tableWithColumns: { ...table, columnNames: ["country"] },
      },
      "a column-limited grant takes SELECT only",
    ],
    [
      { principal, permissions: ["SELECT"], table, database: { name: "gold" } },
      "names 2 resources (database, table); a grant names exactly one",
    ],
    [{ principal, permissions: ["SELECT"] }, "names no resource"],
    [{ principal, permissions: [], table }, "no permissions"],
    [{ principal, permissions: ["READ"], table }, "unknown permissions READ"],
    [
      { principal: "IAM_ALLOWED_PRINCIPALS", permissions: ["ALL"], table },
      "grants to IAM_ALLOWED_PRINCIPALS, which puts the resource back under IAM-only access",
    ],
    [{ permissions: ["SELECT"], table }, "no principal"],
    [
      { principal, permissions: ["SELECT"], table: { databaseName: "gold", name: "t", wildcard: true } },
      "table sets exactly one of name and wildcard",
    ],
    [
      {
        principal,
        permissions: ["SELECT"],
        lfTagPolicy: { resourceType: "COLUMN", expressions: [{ key: "k", values: ["v"] }] },
      },
      'lfTagPolicy resourceType must be "DATABASE" or "TABLE"',
    ],
    [
      { principal, permissions: ["SELECT"], lfTagPolicy: { resourceType: "TABLE", expressions: [] } },
      "lfTagPolicy has no expression",
    ],
    [
      {
        principal,
        permissions: ["SELECT"],
        dataCellsFilter: { databaseName: "gold", name: "f", tableName: "t" },
      },
      "dataCellsFilter needs tableCatalogId",
    ],
    [
      {
        principal,
        permissions: ["INSERT"],
        dataCellsFilter: { databaseName: "gold", name: "f", tableCatalogId: "1", tableName: "t" },
      },
      "a data cells filter grant takes SELECT, DESCRIBE or DROP",
    ],
  ])("refuses %j: %s", (args, reason) => {
    expect(grantShapeProblems(args)).toContain(reason);
  });
});

describe("dataCellsFilterShapeProblems", () => {
  const base = { name: "f", databaseName: "gold", tableName: "customer_360", tableCatalogId: "123456789012" };
  it.each([
    [{ ...base, columnNames: ["country"], rowFilter: { filterExpression: "country = 'US'" } }],
    [
      {
        ...base,
        columnWildcard: { excludedColumnNames: [] },
        rowFilter: { filterExpression: "country = 'US'" },
      },
    ],
    [{ ...base, columnWildcard: { excludedColumnNames: ["email"] }, rowFilter: { allRowsWildcard: {} } }],
  ])("accepts %j", (tableData) => {
    expect(dataCellsFilterShapeProblems(tableData)).toEqual([]);
  });

  it.each([
    [
      { ...base, columnNames: ["a"], columnWildcard: {}, rowFilter: { filterExpression: "a = 1" } },
      "sets exactly one of columnNames and columnWildcard",
    ],
    [
      { ...base, rowFilter: { filterExpression: "a = 1" } },
      "sets exactly one of columnNames and columnWildcard",
    ],
    [{ ...base, columnNames: ["a"] }, "needs rowFilter (an expression, or allRowsWildcard for every row)"],
    [
      { ...base, columnNames: ["a"], rowFilter: {} },
      "rowFilter sets exactly one of filterExpression and allRowsWildcard",
    ],
    [
      { ...base, columnNames: ["a"], rowFilter: { filterExpression: "a = 1", allRowsWildcard: {} } },
      "rowFilter sets exactly one of filterExpression and allRowsWildcard",
    ],
    [{ name: "f", columnNames: ["a"], rowFilter: { filterExpression: "a = 1" } }, "needs tableCatalogId"],
  ])("refuses %j: %s", (tableData, reason) => {
    expect(dataCellsFilterShapeProblems(tableData)).toContain(reason);
  });
});
