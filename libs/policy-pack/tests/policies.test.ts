import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { policies } from "../src/policies.js";

const rulesDir = new URL("../src/rules/", import.meta.url);
const ruleModules = await Promise.all(
  readdirSync(rulesDir).map((f) => import(new URL(f, rulesDir).href) as Promise<Record<string, unknown>>),
);
const testSources = readdirSync(new URL("./rules/", import.meta.url))
  .map((f) => readFileSync(new URL(`./rules/${f}`, import.meta.url), "utf8"))
  .join("\n");

describe("the pack's rules", () => {
  it("are at least 30, with unique kebab-case names", () => {
    expect(policies.length).toBeGreaterThanOrEqual(30);
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  it.each(policies.map((p) => [p.name, p] as const))(
    "%s has a description, a level, ids and types",
    (_n, p) => {
      expect(p.description.length).toBeGreaterThan(20);
      expect(["mandatory", "advisory"]).toContain(p.enforcementLevel);
      expect(Array.isArray(p.nagIds)).toBe(true);
      expect(p.resourceTypes.length).toBeGreaterThan(0);
      for (const type of p.resourceTypes)
        expect(type).toMatch(/^(aws:[a-zA-Z0-9]+\/[a-zA-Z0-9]+:[A-Za-z0-9]+|pulumi:pulumi:StackReference)$/);
    },
  );

  it("each have a table of tests that starts from a valid subject (describeRule)", () => {
    const exported = ruleModules.flatMap((m) => Object.entries(m));
    for (const policy of policies) {
      const names = exported.filter(([, v]) => v === policy).map(([k]) => k);
      expect(names, policy.name).not.toHaveLength(0);
      expect(
        names.some((n) => testSources.includes(`policy: ${n},`)),
        `${policy.name} has no describeRule in tests/rules`,
      ).toBe(true);
    }
  });
});
