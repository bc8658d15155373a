import { describe, expect, it } from "vitest";
import { diffPlans, diffValues, isEmptyDiff, renderDiffMarkdown } from "../src/diff.js";
import type { Plan, PlanResource, PlanValue } from "../src/model.js";

function resource(name: string, inputs: PlanValue = {}, parent: string | null = null): PlanResource {
  return {
    urn: `urn:pulumi:dev::infra-silver::aws:glue/job:Job::${name}`,
    type: "aws:glue/job:Job",
    name,
    parent,
    inputs,
  };
}
function plan(resources: PlanResource[], outputs: Record<string, PlanValue> = {}): Plan {
  return { project: "infra-silver", stack: "dev", resources, outputs };
}

describe("diffValues", () => {
  it.each<[string, PlanValue, PlanValue, { path: string; before?: PlanValue; after?: PlanValue }[]]>([
    ["equal values", { a: 1 }, { a: 1 }, []],
    ["a changed scalar", { a: 1 }, { a: 2 }, [{ path: "a", before: 1, after: 2 }]],
    ["an added key", {}, { a: "x" }, [{ path: "a", after: "x" }]],
    ["a removed key", { a: "x" }, {}, [{ path: "a", before: "x" }]],
    ["an appended array element", { l: ["x"] }, { l: ["x", "y"] }, [{ path: 'l[="y"]', after: "y" }]],
    [
      "a string inserted first, as one addition (not a shift of every later index)",
      { l: ["b", "c", "d"] },
      { l: ["a", "b", "c", "d"] },
      [{ path: 'l[="a"]', after: "a" }],
    ],
    [
      "a dataset entry inserted in the middle, matched by its dataset",
      {
        m: [
          { dataset: "a", v: 1 },
          { dataset: "c", v: 3 },
        ],
      },
      {
        m: [
          { dataset: "a", v: 1 },
          { dataset: "b", v: 2 },
          { dataset: "c", v: 3 },
        ],
      },
      [
        { path: "m[dataset=b].dataset", after: "b" },
        { path: "m[dataset=b].v", after: 2 },
      ],
    ],
    [
      "a changed entry matched by name",
      {
        m: [
          { name: "x", v: 1 },
          { name: "y", v: 1 },
        ],
      },
      {
        m: [
          { name: "new", v: 0 },
          { name: "x", v: 1 },
          { name: "y", v: 2 },
        ],
      },
      [
        { path: "m[name=new].name", after: "new" },
        { path: "m[name=new].v", after: 0 },
        { path: "m[name=y].v", before: 1, after: 2 },
      ],
    ],
    [
      "entries matched by prefix",
      { rules: [{ prefix: "a/", days: 1 }] },
      {
        rules: [
          { prefix: "b/", days: 2 },
          { prefix: "a/", days: 1 },
        ],
      },
      [
        { path: "rules[prefix=b/].days", after: 2 },
        { path: "rules[prefix=b/].prefix", after: "b/" },
      ],
    ],
    [
      "a reordering of the entries both sides have",
      { l: ["x", "y"] },
      { l: ["y", "x"] },
      [{ path: "l(order)", before: ['[="x"]', '[="y"]'], after: ['[="y"]', '[="x"]'] }],
    ],
    [
      "entries without a distinct identity, by position",
      { l: [{ v: 1 }, { v: 2 }], s: ["x", "x"] },
      { l: [{ v: 0 }, { v: 1 }, { v: 2 }], s: ["x", "x", "x"] },
      [
        { path: "l[0].v", before: 1, after: 0 },
        { path: "l[1].v", before: 2, after: 1 },
        { path: "l[2].v", after: 2 },
        { path: "s[2]", after: "x" },
      ],
    ],
    [
      "a nested change",
      { t: { k: { v: 1 } } },
      { t: { k: { v: 2 } } },
      [{ path: "t.k.v", before: 1, after: 2 }],
    ],
    [
      "an emptied array",
      { l: ["x"] },
      { l: [] },
      [
        { path: "l", after: [] },
        { path: 'l[="x"]', before: "x" },
      ],
    ],
    [
      "a scalar turned secret",
      { p: "pw" },
      { p: "[secret]" },
      [{ path: "p", before: "pw", after: "[secret]" }],
    ],
  ])("finds %s", (_what, before, after, expected) => {
    expect(diffValues(before, after)).toEqual(expected);
  });
});

describe("diffPlans", () => {
  const base = plan([resource("customers-b2s", { glueVersion: "4.0" }), resource("legacy")], { jobs: 2 });
  const head = plan([resource("customers-b2s", { glueVersion: "5.0" }), resource("orders-b2s")], { jobs: 2 });

  it("splits resources into added, changed and removed", () => {
    const d = diffPlans(base, head);
    expect(d.added.map((r) => r.name)).toEqual(["orders-b2s"]);
    expect(d.removed.map((r) => r.name)).toEqual(["legacy"]);
    expect(d.changed).toEqual([
      {
        urn: "urn:pulumi:dev::infra-silver::aws:glue/job:Job::customers-b2s",
        type: "aws:glue/job:Job",
        name: "customers-b2s",
        changes: [{ path: "glueVersion", before: "4.0", after: "5.0" }],
      },
    ]);
    expect(d.outputs).toEqual([]);
  });

  it("treats a stack missing on one side as all additions or all removals", () => {
    expect(diffPlans(undefined, head).added).toHaveLength(2);
    expect(diffPlans(base, undefined).removed).toHaveLength(2);
  });

  it("reports a parent change of the same URN", () => {
    const d = diffPlans(plan([resource("a", {}, "urn:p1")]), plan([resource("a", {}, "urn:p2")]));
    expect(d.changed[0]?.changes).toEqual([{ path: "(parent)", before: "urn:p1", after: "urn:p2" }]);
  });

  it("is empty for identical plans", () => {
    expect(isEmptyDiff(diffPlans(base, base))).toBe(true);
  });

  it("refuses to diff two different stacks", () => {
    expect(() => diffPlans(base, { ...head, stack: "prod" })).toThrow(
      "infra-silver/dev against infra-silver/prod",
    );
  });
});

describe("renderDiffMarkdown", () => {
  it("lists each change with old -> new and sums up unchanged stacks in one line", () => {
    const changed = diffPlans(
      plan([resource("customers-b2s", { glueVersion: "4.0" })]),
      plan([resource("customers-b2s", { glueVersion: "5.0" }), resource("orders-b2s")]),
    );
    const same = diffPlans(plan([]), plan([]));
    const md = renderDiffMarkdown([changed, { ...same, project: "infra-bronze" }], "Plan diff");
    expect(md).toContain("### infra-silver (dev): 1 to add, 1 to change, 0 to remove");
    expect(md).toContain('  - `glueVersion`: `"4.0"` → `"5.0"`');
    expect(md).toContain("- `aws:glue/job:Job` **orders-b2s**");
    expect(md).toContain("No changes: infra-bronze (dev).");
  });

  it("cuts long values and escapes table pipes", () => {
    const d = diffPlans(plan([resource("a", { q: "x".repeat(300) })]), plan([resource("a", { q: "a|b" })]));
    const line = renderDiffMarkdown([d], "t")
      .split("\n")
      .find((l) => l.includes("`q`"));
    expect(line).toContain("…");
    expect(line).toContain("a\\|b");
  });
});
