import { describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "../src/model.js";
import { datasetOfResources, parsePlanJson, planToJson, planToMarkdown } from "../src/plan-writer.js";

const urn = (type: string, name: string) => `urn:pulumi:dev::infra-silver::${type}::${name}`;
const r = (type: string, name: string, parent: string | null = null): PlanResource => ({
  urn: urn(type, name),
  type,
  name,
  parent,
  inputs: { z: 1, a: { y: 2, b: 3 } },
});

const resources = [
  r("lake:catalog:DatasetTable", "support_tickets"),
  r(
    "aws:glue/catalogTable:CatalogTable",
    "support_tickets-table",
    urn("lake:catalog:DatasetTable", "support_tickets"),
  ),
  r("lake:compute:SparkJob", "silver-customers-b2s"),
  r("aws:iam/role:Role", "job-role", urn("lake:compute:SparkJob", "silver-customers-b2s")),
  r("aws:s3/bucket:Bucket", "silver"),
];
const plan: Plan = { project: "infra-silver", stack: "dev", resources, outputs: { b: "x", a: ["y"] } };

describe("planToJson", () => {
  it("writes project, stack, resources sorted by URN with the five fields, and outputs with sorted keys", () => {
    const text = planToJson(plan);
    expect(text.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(text) as Plan;
    expect(Object.keys(parsed)).toEqual(["project", "stack", "resources", "outputs"]);
    expect(parsed.resources.map((x) => x.urn)).toEqual(resources.map((x) => x.urn).sort());
    expect(Object.keys(parsed.resources[0] ?? {})).toEqual(["urn", "type", "name", "parent", "inputs"]);
    expect(text).toContain('"a": {\n          "b": 3,\n          "y": 2\n        },\n        "z": 1');
    expect(Object.keys(parsed.outputs)).toEqual(["a", "b"]);
  });

  it("round-trips through parsePlanJson", () => {
    expect(planToJson(parsePlanJson(planToJson(plan), "p.json"))).toBe(planToJson(plan));
  });

  it("rejects a file that is not a plan, naming it", () => {
    expect(() => parsePlanJson('{"x":1}', "dist/plan/a.dev.json")).toThrow(
      "dist/plan/a.dev.json is not an offline plan",
    );
    expect(() => parsePlanJson("{", "b.json")).toThrow("b.json is not valid JSON");
  });
});

describe("datasetOfResources", () => {
  it("matches whole dataset names in logical names (with - or _) and lets children inherit", () => {
    const map = datasetOfResources(resources, ["customers", "support_tickets", "tickets"]);
    expect(map.get(urn("lake:catalog:DatasetTable", "support_tickets"))).toBe("support_tickets");
    expect(map.get(urn("aws:glue/catalogTable:CatalogTable", "support_tickets-table"))).toBe(
      "support_tickets",
    );
    expect(map.get(urn("aws:iam/role:Role", "job-role"))).toBe("customers");
    expect(map.get(urn("aws:s3/bucket:Bucket", "silver"))).toBeNull();
  });

  it("keeps a child with its parent's dataset even when its own name mentions another", () => {
    const job = r("lake:compute:SparkJob", "quality-customers");
    const copy = r(
      "aws:s3/bucketObjectv2:BucketObjectv2",
      "quality-customers-contract-quality_results",
      job.urn,
    );
    const map = datasetOfResources([job, copy], ["customers", "quality_results"]);
    expect(map.get(copy.urn)).toBe("customers");
  });
});

describe("planToMarkdown", () => {
  it("counts resources by type and by dataset", () => {
    const md = planToMarkdown(plan, ["customers", "support_tickets"]);
    expect(md).toContain("5 resources, 2 outputs.");
    expect(md).toContain("| `aws:iam/role:Role` | 1 |");
    expect(md).toContain("| customers | 2 | Role, SparkJob |");
    expect(md).toContain("| (shared) | 1 | Bucket |");
    expect(md).toContain('- `a`: `["y"]`');
  });
});
