import { describe, expect, it } from "vitest";
import {
  LAYER_LIFECYCLE_DEFAULTS,
  lifecycleErrors,
  lifecycleRules,
  resolveLifecycle,
  type ResolvedLifecycle,
} from "../../src/storage/lifecycle.js";

const bronze = LAYER_LIFECYCLE_DEFAULTS.bronze;

describe("resolveLifecycle", () => {
  it("takes each layer default once, and a given value (even null) wins", () => {
    expect(resolveLifecycle("bronze")).toEqual(bronze);
    expect(resolveLifecycle("bronze", { archiveDays: null }).archiveDays).toBeNull();
    expect(resolveLifecycle("silver", { intelligentTieringDays: 0 }).intelligentTieringDays).toBe(0);
    expect(resolveLifecycle("gold").archiveDays).toBeNull();
  });
});

describe("lifecycleErrors", () => {
  it.each(["bronze", "silver", "gold"] as const)("the %s defaults are valid", (layer) => {
    expect(lifecycleErrors(resolveLifecycle(layer))).toEqual([]);
  });

  it.each<[string, Partial<ResolvedLifecycle>, RegExp]>([
    [
      "abort after 0 days",
      { abortIncompleteMultipartUploadDays: 0 },
      /abortIncompleteMultipartUploadDays must be a whole number ≥ 1/,
    ],
    ["noncurrent 0 days", { noncurrentVersionExpirationDays: 0 }, /noncurrentVersionExpirationDays/],
    [
      "fractional tiering",
      { intelligentTieringDays: 1.5 },
      /intelligentTieringDays must be a whole number ≥ 0/,
    ],
    [
      "negative archive",
      { intelligentTieringDays: null, archiveDays: -1 },
      /archiveDays must be a whole number ≥ 0/,
    ],
    [
      "archive before tiering",
      { intelligentTieringDays: 90, archiveDays: 30 },
      /archiveDays \(30\) must be greater than intelligentTieringDays \(90\)/,
    ],
    [
      "archive on the tiering day",
      { intelligentTieringDays: 30, archiveDays: 30 },
      /must be greater than intelligentTieringDays/,
    ],
    [
      "expire before archiving",
      { expirationDays: 60 },
      /expirationDays \(60\) must be greater than the last transition \(90 days\)/,
    ],
    [
      "expire at 0",
      { archiveDays: null, intelligentTieringDays: null, expirationDays: 0 },
      /expirationDays must be a whole number ≥ 1/,
    ],
  ])("rejects %s", (_label, change, message) => {
    const errors = lifecycleErrors({ ...bronze, ...change });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it("allows a transition on day 0 (Intelligent-Tiering and Glacier classes accept 0)", () => {
    expect(lifecycleErrors({ ...bronze, intelligentTieringDays: 0, archiveDays: 90 })).toEqual([]);
    expect(lifecycleErrors({ ...bronze, intelligentTieringDays: null, archiveDays: 0 })).toEqual([]);
  });
});

describe("lifecycleRules", () => {
  it("bronze: abort uploads, expire noncurrent versions, tier at 30 days and archive to Glacier IR at 90", () => {
    const rules = lifecycleRules(bronze);
    expect(rules.map((r) => r.id)).toEqual([
      "abort-incomplete-multipart-uploads",
      "expire-noncurrent-versions",
      "tier-and-expire-current-versions",
    ]);
    expect(rules[0]?.abortIncompleteMultipartUpload).toEqual({ daysAfterInitiation: 7 });
    expect(rules[1]?.noncurrentVersionExpiration).toEqual({ noncurrentDays: 30 });
    expect(rules[2]?.transitions).toEqual([
      { days: 30, storageClass: "INTELLIGENT_TIERING" },
      { days: 90, storageClass: "GLACIER_IR" },
    ]);
    expect(rules[2]?.expiration).toBeUndefined();
  });

  it("silver and gold keep data hot: no transition rule", () => {
    expect(lifecycleRules(resolveLifecycle("silver")).map((r) => r.id)).not.toContain(
      "tier-and-expire-current-versions",
    );
  });

  it("uses the chosen archive class and expiration", () => {
    const rules = lifecycleRules(
      resolveLifecycle("bronze", { archiveStorageClass: "GLACIER", expirationDays: 400 }),
    );
    expect(rules[2]?.transitions?.[1]).toEqual({ days: 90, storageClass: "GLACIER" });
    expect(rules[2]?.expiration).toEqual({ days: 400 });
  });

  it("every rule applies to the whole bucket and is enabled", () => {
    for (const rule of lifecycleRules(bronze)) {
      expect(rule.status).toBe("Enabled");
      expect(rule.filter).toEqual({});
    }
  });
});
