import { describe, expect, it } from "vitest";
import { parsePullConfig } from "../src/puller/config.js";
import { backoffMs, redactedUrl, retryAfterMs } from "../src/puller/http.js";

const base = {
  source: "support_tickets",
  bucket: "lake-dev-bronze",
  url: "https://helpdesk.example.com/api/v2/tickets",
  pagination: { mode: "cursor", cursorParam: "cursor", nextCursorPath: "meta.next_cursor" },
  auth: { secretId: "lake-dev/helpdesk" },
};

describe("the pull config", () => {
  it("applies the documented defaults", () => {
    expect(parsePullConfig(base)).toEqual({
      ...base,
      query: {},
      itemsPath: "data",
      auth: { secretId: "lake-dev/helpdesk", header: "Authorization", scheme: "Bearer" },
      maxPages: 1000,
      retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterSeconds: 120 },
      requestTimeoutMs: 30_000,
    });
  });

  it.each([
    [
      { url: "http://helpdesk.example.com/api" },
      "must be an https:// URL (plain http only to a loopback host)",
    ],
    [{ url: "ftp://127.0.0.1/x" }, "must be an https:// URL"],
    [{ source: "Support-Tickets" }, "must be a dataset name"],
    [{ pagination: { mode: "offset" } }, "pagination"],
    [
      { pagination: { mode: "page", pageParam: "page", pageSize: 50 } },
      "pageSizeParam and pageSize go together",
    ],
    [{ auth: {} }, "auth.secretId"],
    [{ retry: { maxAttempts: 0 } }, "retry.maxAttempts"],
    [{ extra: true }, 'Unrecognized key: "extra"'],
  ])("refuses %j", (override, message) => {
    expect(() => parsePullConfig({ ...base, ...override })).toThrow(/^LAKE_PULL_CONFIG is invalid:/);
    expect(() => parsePullConfig({ ...base, ...override })).toThrow(message);
  });

  it("allows plain http to loopback only, for a test server", () => {
    expect(parsePullConfig({ ...base, url: "http://127.0.0.1:8080/x" }).url).toBe("http://127.0.0.1:8080/x");
  });
});

describe("retry timing", () => {
  const now = new Date("2026-01-31T14:05:00Z");
  it.each([
    [null, undefined],
    ["", undefined],
    ["soon", undefined],
    ["0", 0],
    ["30", 30_000],
    ["Sat, 31 Jan 2026 14:06:00 GMT", 60_000],
    ["Sat, 31 Jan 2026 14:00:00 GMT", 0],
  ])("Retry-After %j waits %j ms", (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });

  const policy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 4000, maxRetryAfterSeconds: 60 };
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [4, 4000],
    [5, 4000],
  ])("attempt %i backs off up to %i ms", (attempt, cap) => {
    expect(backoffMs(attempt, policy, () => 0.999999)).toBe(cap - 1);
    expect(backoffMs(attempt, policy, () => 0)).toBe(0);
  });

  it("keeps query strings (cursors, keys) out of messages", () => {
    expect(redactedUrl(new URL("https://h.example.com/a/b?cursor=x&api_key=y"))).toBe(
      "https://h.example.com/a/b",
    );
  });
});
