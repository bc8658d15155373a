import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { parseRowFilter, validateRowFilter } from "../../src/governance/row-filter.js";

const gold = registry.get("customer_360");

describe("parseRowFilter", () => {
  it.each([
    ["country = 'US'", "`country` = 'US'"],
    ["year > 2010 and country != 'US'", "`year` > 2010 AND `country` != 'US'"],
    [
      "(year > 2010 and country = 'US') or (month < 8 and id > 23)",
      "(`year` > 2010 AND `country` = 'US') OR (`month` < 8 AND `id` > 23)",
    ],
    [
      "(country between 'Z' and 'U') and (year = 2018)",
      "(`country` BETWEEN 'Z' AND 'U') AND (`year` = 2018)",
    ],
    ["country like '%ited%'", "`country` LIKE '%ited%'"],
    ["country in ('US', 'CA')", "`country` IN ('US', 'CA')"],
    ["customer.customerId <> 1", "`customer`.`customerId` <> 1"],
    ["\"order\" = 'x'", "`order` = 'x'"],
    ["not country = 'O''Brien'", "NOT `country` = 'O''Brien'"],
    ["status is not null", "`status` IS NOT NULL"],
    ["flag = true", "`flag` = TRUE"],
  ])("accepts %s as Spark %s", (expression, spark) => {
    expect(parseRowFilter(expression).spark).toBe(spark);
  });

  it.each([
    ["upper(country) = 'US'", /functions are not allowed.*upper/],
    ["country = lower('US')", /functions are not allowed.*lower/],
    ["country = status", /compared with a constant, not with the column "status"/],
    ["country", /expected a comparison/],
    ["country = 'US", /unterminated string/],
    ["country = 'US' and", /expected a column name at the end/],
    ["country = 'US')", /unexpected "\)"/],
    ["country ~ 'US'", /unexpected character "~"/],
    ["", /empty/],
    [`country = '${"x".repeat(2040)}'`, /fewer than 2048/],
  ])("refuses %s", (expression, message) => {
    expect(() => parseRowFilter(expression)).toThrow(message);
  });
});

describe("validateRowFilter against a contract", () => {
  it("accepts a filter on a string column and returns the columns it reads", () => {
    expect(validateRowFilter(gold, "country = 'US'").columns).toEqual([{ path: ["country"] }]);
  });

  it.each([
    ["contry = 'US'", /column contry is not a column of gold.customer_360/],
    [
      "snapshot_date = '2024-03-31'",
      /snapshot_date is of type date, which Lake Formation row filters do not support/,
    ],
    ["customer_segment is null", /customer_segment is a partition column: IS \[NOT\] NULL is not allowed/],
    ["country.code = 'US'", /country has no nested field code/],
  ])("refuses %s", (expression, message) => {
    expect(() => validateRowFilter(gold, expression)).toThrow(message);
  });
});
