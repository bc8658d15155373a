import { describe, expect, it } from "vitest";
import { crawlerConfiguration, crawlerPolicies, tableLevelOf } from "../../src/catalog/crawler-settings.js";

describe("crawlerPolicies", () => {
  it.each([
    ["event", "CRAWL_EVENT_MODE", "UPDATE_IN_DATABASE", "LOG"],
    // CreateCrawler rejects anything but LOG/LOG for new-folders-only crawls.
    ["new-folders", "CRAWL_NEW_FOLDERS_ONLY", "LOG", "LOG"],
  ] as const)("%s: %s with update %s and delete %s", (mode, recrawl, update, del) => {
    expect(crawlerPolicies(mode)).toEqual({
      recrawlPolicy: { recrawlBehavior: recrawl },
      schemaChangePolicy: { updateBehavior: update, deleteBehavior: del },
    });
  });
});

describe("crawlerConfiguration", () => {
  it("makes one table per source folder and lets partitions inherit its schema", () => {
    expect(JSON.parse(crawlerConfiguration())).toEqual({
      Version: 1,
      Grouping: { TableGroupingPolicy: "CombineCompatibleSchemas", TableLevelConfiguration: 2 },
      CrawlerOutput: { Partitions: { AddOrUpdateBehavior: "InheritFromTable" } },
      CreatePartitionIndex: true,
    });
  });
});

describe("tableLevelOf", () => {
  it.each([
    ["source=customers/", 2],
    ["source=transactions/sales/transactions/", 4],
    ["a/b", 3],
  ])("puts the table of %s at level %i (the bucket is 1)", (prefix, level) => {
    expect(tableLevelOf(prefix)).toBe(level);
    const parsed = JSON.parse(crawlerConfiguration(level)) as {
      Grouping: { TableLevelConfiguration: number };
    };
    expect(parsed.Grouping.TableLevelConfiguration).toBe(level);
  });
});
