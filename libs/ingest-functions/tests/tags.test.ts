import { describe, expect, it } from "vitest";
import { lakeTags, mergeTags, type Tag } from "../src/cataloging/tags.js";

const tags = (n: number, prefix = "t"): Tag[] =>
  Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));
const lake = lakeTags({ source: "customers", date: "2026-01-31", file: "a.json" });

describe("mergeTags", () => {
  it("names the source and the day", () => {
    expect(lake).toEqual([
      { Key: "lake:source", Value: "customers" },
      { Key: "lake:ingest-date", Value: "2026-01-31" },
    ]);
  });

  it.each([
    ["no tags", [], [...lake], true, []],
    ["the owner's tags, kept first", tags(2), [...tags(2), ...lake], true, []],
    ["the lake's tags already in place", [...tags(1), ...lake], [...tags(1), ...lake], false, []],
    [
      "a stale lake tag, updated where it is",
      [{ Key: "lake:source", Value: "orders" }, ...tags(1)],
      [{ Key: "lake:source", Value: "customers" }, ...tags(1), lake[1]!],
      true,
      [],
    ],
    ["nine tags: room for one", tags(9), [...tags(9), lake[0]!], true, ["lake:ingest-date"]],
    ["ten tags: no room", tags(10), tags(10), false, ["lake:source", "lake:ingest-date"]],
  ] as const)("with %s", (_name, existing, expected, changed, dropped) => {
    const merge = mergeTags(existing, lake);
    expect(merge.tags).toEqual(expected);
    expect(merge.changed).toBe(changed);
    expect(merge.dropped.map((d) => d.tag.Key)).toEqual(dropped);
    expect(merge.tags.length).toBeLessThanOrEqual(10);
  });

  it("drops a tag longer than S3 accepts instead of failing the write", () => {
    const long = { Key: "lake:source", Value: "x".repeat(257) };
    const merge = mergeTags([], [long, { Key: "k".repeat(129), Value: "v" }]);
    expect(merge.tags).toEqual([]);
    expect(merge.dropped.map((d) => d.reason)).toEqual([
      "longer than S3's 128-character key or 256-character value",
      "longer than S3's 128-character key or 256-character value",
    ]);
  });

  it("does not change the tags it was given", () => {
    const existing = [{ Key: "lake:source", Value: "orders" }];
    mergeTags(existing, lake);
    expect(existing).toEqual([{ Key: "lake:source", Value: "orders" }]);
  });
});
