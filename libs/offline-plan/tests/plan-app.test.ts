import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Plan } from "../src/model.js";
import { planApp } from "../src/plan-app.js";

const root = fileURLToPath(new URL("./fixtures/workspace/", import.meta.url));

describe("planApp on a fixture workspace", () => {
  const planDir = mkdtempSync(join(tmpdir(), "offline-plan-app-"));

  it("writes the plan and its summary, with config from Pulumi.<stack>.yaml and secrets hidden", async () => {
    const { jsonFile, markdownFile } = await planApp({ root, app: "upstream", stack: "dev", planDir });
    expect(jsonFile).toBe(join(planDir, "upstream.dev.json"));
    const written = JSON.parse(readFileSync(jsonFile, "utf8")) as Plan;
    expect(written.outputs).toEqual({ apiToken: "[secret]", bucketName: "fixture-data" });
    expect(written.resources.map((r) => r.urn)).toEqual([
      "urn:pulumi:dev::upstream::aws:s3/bucket:Bucket::data",
    ]);
    expect(readFileSync(markdownFile, "utf8")).toContain("| `aws:s3/bucket:Bucket` | 1 |");
  });

  it("feeds a downstream StackReference from the upstream plan it wrote", async () => {
    const { plan } = await planApp({ root, app: "downstream", stack: "dev", planDir });
    expect(plan.outputs).toEqual({ readsBucket: "fixture-data" });
    const versioning = plan.resources.find((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning");
    expect(versioning?.inputs).toMatchObject({ bucket: "fixture-data" });
  });

  it("fails naming the missing upstream plan when the upstream stack was not planned", async () => {
    const empty = mkdtempSync(join(tmpdir(), "offline-plan-empty-"));
    await expect(planApp({ root, app: "downstream", stack: "dev", planDir: empty })).rejects.toThrow(
      `there is no plan ${join(empty, "upstream.dev.json")}; plan upstream (stack dev) first`,
    );
  });

  it("names the file when a stack has no config file", async () => {
    await expect(planApp({ root, app: "upstream", stack: "qa", planDir })).rejects.toThrow(
      /Pulumi\.qa\.yaml does not exist/,
    );
  });
});
