import { describe, expect, it } from "vitest";
import { glueName, isGlueName, s3FolderUri, s3Key, s3ObjectUri, s3Prefix } from "../src/naming.js";

describe("glueName", () => {
  it.each([
    [["silver"], "silver"],
    [["Acme-Prod", "silver"], "acme_prod_silver"],
    [["lake", "", "gold"], "lake_gold"],
    [["  dev  ", "bronze"], "dev_bronze"],
  ])("%j -> %s", (parts, expected) => expect(glueName(...parts)).toBe(expected));

  it.each([[["123"]], [["--"]], [["x".repeat(256)]]])("rejects %j with the parts in the message", (parts) => {
    expect(() => glueName(...parts)).toThrow(/cannot make a Glue name/);
  });
});

describe("isGlueName", () => {
  it.each([
    ["customers", true],
    ["customer_360", true],
    ["Customers", false],
    ["1st", false],
    ["a-b", false],
  ])("%s: %s", (name, ok) => expect(isGlueName(name)).toBe(ok));
});

describe("S3 keys and URIs", () => {
  it.each([
    [["a/", "/b"], "a/b"],
    [["", "x", ""], "x"],
    [["artifacts", "jobs/script.py"], "artifacts/jobs/script.py"],
  ])("s3Key %j -> %s", (parts, expected) => expect(s3Key(...parts)).toBe(expected));

  it("folder URIs end in one slash, object URIs do not", () => {
    expect(s3Prefix("a", "b")).toBe("a/b/");
    expect(s3Prefix()).toBe("");
    expect(s3FolderUri("bkt", "silver", "customers")).toBe("s3://bkt/silver/customers/");
    expect(s3FolderUri("bkt")).toBe("s3://bkt/");
    expect(s3ObjectUri("bkt", "/k/v.json")).toBe("s3://bkt/k/v.json");
  });
});
