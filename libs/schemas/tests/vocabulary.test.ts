import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toJsonText } from "../src/generators/artifacts.js";
import {
  AUDIT_KINDS,
  AUDIT_PREFIX,
  CLASSIFICATIONS,
  col,
  COMPARISON_OPERATORS,
  DURATION_TOLERANCE,
  DURATION_UNIT_SECONDS,
  DURATION_UNITS,
  CONTRACT_VERSION,
  contractJson,
  LANDING_LAYOUTS,
  contractVocabulary,
  defineDataset,
  LAYERS,
  MASKS,
  RULE_KINDS,
  SEVERITIES,
  SOURCE_FORMATS,
  SOURCE_KINDS,
  STANDARDIZERS,
  TABLE_FORMATS,
  type RuleDefinition,
  type RuleKind,
} from "../src/index.js";
import { ruleShape } from "../src/validate/definition.js";
import { d, silverDefinition } from "./helpers/definitions.js";

const vocabulary = contractVocabulary();

function keysSortedEverywhere(value: unknown, path = "vocabulary"): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const keys = Object.keys(value);
  const here = keys.join() === [...keys].sort().join() ? [] : [path];
  return [...here, ...Object.entries(value).flatMap(([k, v]) => keysSortedEverywhere(v, `${path}.${k}`))];
}

describe("contractVocabulary", () => {
  it.each([
    ["auditKinds", AUDIT_KINDS],
    ["classifications", CLASSIFICATIONS],
    ["landingLayouts", LANDING_LAYOUTS],
    ["layers", LAYERS],
    ["masks", MASKS],
    ["severities", SEVERITIES],
    ["sourceFormats", SOURCE_FORMATS],
    ["sourceKinds", SOURCE_KINDS],
    ["standardizers", STANDARDIZERS],
    ["tableFormats", TABLE_FORMATS],
  ] as const)("lists %s as the exported constant declares them", (key, constant) => {
    expect(vocabulary[key]).toEqual([...constant]);
  });

  it("lists the compare operators and each duration unit with its seconds, in declared order", () => {
    expect(vocabulary.comparisonOperators).toEqual([...COMPARISON_OPERATORS]);
    expect(vocabulary.durationUnits.map((u) => u.unit)).toEqual([...DURATION_UNITS]);
    expect(vocabulary.durationUnits.find((u) => u.unit === "hours")?.seconds).toBe(3600);
    expect(vocabulary.durationUnits.every((u) => u.seconds === DURATION_UNIT_SECONDS[u.unit as "days"])).toBe(
      true,
    );
    expect(vocabulary.durationTolerance).toBe(DURATION_TOLERANCE);
  });

  it("carries the contract version and the audit prefix", () => {
    expect(vocabulary.contractVersion).toBe(CONTRACT_VERSION);
    expect(vocabulary.auditPrefix).toBe(AUDIT_PREFIX);
    expect(vocabulary.auditPrefix).toBe("lake_");
  });

  it("lists every rule kind with its keys and level, as RULE_KINDS says", () => {
    expect(Object.keys(vocabulary.ruleKinds)).toEqual(Object.keys(RULE_KINDS).sort());
    for (const [kind, spec] of Object.entries(RULE_KINDS)) {
      expect(vocabulary.ruleKinds[kind as RuleKind]).toEqual({
        derived: [...spec.derived],
        level: spec.level,
        optional: [...spec.optional],
        required: [...spec.required],
      });
    }
    const rowKinds = Object.entries(vocabulary.ruleKinds).filter(([, s]) => s.level === "row");
    expect(rowKinds.map(([kind]) => kind)).toEqual([
      "allowed",
      "compare",
      "duration",
      "length",
      "not_null",
      "null_when",
      "range",
      "regex",
    ]);
  });

  it("is sorted by key at every level and gives the same bytes on every call", () => {
    expect(keysSortedEverywhere(vocabulary)).toEqual([]);
    expect(toJsonText(contractVocabulary())).toBe(toJsonText(vocabulary));
  });

  it("agrees with the keys a definition's rule may have", () => {
    for (const option of ruleShape.options) {
      const shape = option.shape as Record<string, z.ZodType>;
      const kind = (shape.kind as z.ZodLiteral<RuleKind>).value;
      const own = Object.keys(shape).filter((key) => key !== "kind" && key !== "severity");
      const optional = own.filter((key) => shape[key]!.safeParse(undefined).success);
      expect({ kind, required: own.filter((k) => !optional.includes(k)), optional }).toEqual({
        kind,
        required: vocabulary.ruleKinds[kind].required,
        optional: vocabulary.ruleKinds[kind].optional,
      });
    }
    expect(ruleShape.options.length).toBe(Object.keys(RULE_KINDS).length);
  });

  it("names exactly the keys contract.json writes per rule, optional ones only when set", () => {
    const rules: RuleDefinition[] = [
      { kind: "not_null", column: "customer_id" },
      { kind: "range", column: "amount", min: 0, max: 10 },
      { kind: "allowed", column: "note", values: ["a"] },
      { kind: "regex", column: "customer_id", pattern: "^c" },
      { kind: "length", column: "note", max: 10 },
      { kind: "unique", columns: ["order_id"] },
      { kind: "freshness", column: "updated_at", maxAgeHours: 24 },
      { kind: "row_count", min: 1 },
      { kind: "references", column: "customer_id", dataset: "orders", datasetColumn: "order_id" },
      { kind: "compare", column: "closed_at", operator: ">=", other: "updated_at" },
      { kind: "null_when", column: "closed_at", when: "note", values: ["open"] },
      { kind: "duration", column: "amount", from: "updated_at", to: "closed_at", unit: "days" },
    ];
    const contract = defineDataset(
      silverDefinition({
        rules,
        columns: z.object({
          order_id: z.string().meta(d("Order id.")),
          customer_id: z.string().meta(d("Buyer.")),
          amount: col.decimal(12, 2).meta(d("Amount.")),
          note: z.string().nullable().meta(d("Free text.")),
          updated_at: z.iso.datetime({ offset: true }).meta(d("Last change.")),
          closed_at: z.iso.datetime({ offset: true }).nullable().meta(d("When closed.")),
        }),
      }),
    );
    const written = contractJson(contract).rules.map((r) => [r.kind, Object.keys(r)]);
    expect(written).toEqual(
      rules.map((rule) => {
        const spec = vocabulary.ruleKinds[rule.kind];
        const set = spec.optional.filter((key) => key in rule);
        return [rule.kind, ["id", "kind", "severity", ...spec.required, ...set, ...spec.derived]];
      }),
    );
    expect(new Set(rules.map((r) => r.kind)).size).toBe(Object.keys(RULE_KINDS).length);
  });
});
