import { describe, expect, it } from "vitest";
import { hiveDayPrefix, parseHiveKey, utcDay } from "../src/layout.js";

describe("the hive layout", () => {
  it.each([
    ["source=customers/year=2026/month=01/day=31/part-0.json", "customers", "2026-01-31", "part-0.json"],
    [
      "source=web_events/year=2024/month=02/day=29/sub/dir/a b.gz",
      "web_events",
      "2024-02-29",
      "sub/dir/a b.gz",
    ],
  ])("parses %s", (key, source, date, file) => {
    expect(parseHiveKey(key)).toEqual({ ok: true, key: { source, date, file } });
  });

  it.each([
    ["customers/year=2026/month=01/day=31/a.json", "not under a source=<name>/ folder"],
    ["source=/year=2026/month=01/day=31/a.json", 'source "" is not a dataset name (lowercase snake_case)'],
    ["source=customers/2026/01/31/a.json", "no year=YYYY/month=MM/day=DD/ folders below the source folder"],
    [
      "source=customers/year=2026/month=1/day=31/a.json",
      "no year=YYYY/month=MM/day=DD/ folders below the source folder",
    ],
    [
      "source=customers/year=2026/month=01/day=31",
      "no year=YYYY/month=MM/day=DD/ folders below the source folder",
    ],
    ["source=customers/year=2025/month=02/day=29/a.json", "2025-02-29 is not a calendar date"],
    ["source=customers/year=2026/month=13/day=01/a.json", "2026-13-01 is not a calendar date"],
    ["source=customers/year=2026/month=01/day=31/", "a folder marker, not a file"],
  ])("refuses %s: %s", (key, reason) => {
    expect(parseHiveKey(key)).toEqual({ ok: false, reason });
  });

  it("writes the day folders of a UTC instant, and takes any values (Firehose's expressions)", () => {
    expect(hiveDayPrefix("orders", utcDay(new Date("2026-03-01T23:59:59.999-05:00")))).toBe(
      "source=orders/year=2026/month=03/day=02/",
    );
    expect(
      hiveDayPrefix("orders", {
        year: "!{timestamp:yyyy}",
        month: "!{timestamp:MM}",
        day: "!{timestamp:dd}",
      }),
    ).toBe("source=orders/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/");
    const written = hiveDayPrefix("orders", utcDay(new Date("2026-01-05T00:00:00Z")));
    expect(parseHiveKey(`${written}x.json`)).toEqual({
      ok: true,
      key: { source: "orders", date: "2026-01-05", file: "x.json" },
    });
  });
});
