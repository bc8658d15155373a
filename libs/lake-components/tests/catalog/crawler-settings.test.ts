import { describe, expect, it } from "vitest";
import { crawlerConfiguration, crawlerPolicies } from "../../src/catalog/crawler-settings.js";

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
