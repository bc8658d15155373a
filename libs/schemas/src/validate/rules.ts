// Quality rules: each must name existing columns of a type its kind can check, with sensible bounds. The ids
// are derived here so every generator and the jobs agree on them.
import type { ProblemList } from "../errors.js";
import type { Column, LakeType, Rule, RuleDefinition } from "../types.js";
import { chooseFrom } from "./suggest.js";

const NUMERIC = new Set(["int", "bigint", "smallint", "tinyint", "decimal", "double", "float"]);
const TEMPORAL = new Set(["date", "timestamp"]);

/** `<dataset>.<column | columns joined by "+" | dataset>.<kind>`. */
export function ruleId(dataset: string, rule: RuleDefinition): string {
  const subject = "column" in rule ? rule.column : "columns" in rule ? rule.columns.join("+") : dataset;
  return `${dataset}.${subject}.${rule.kind}`;
}

function checkBounds(
  rule: { min?: number; max?: number },
  field: string,
  integer: boolean,
  problems: ProblemList,
): void {
  const { min, max } = rule;
  if (min === undefined && max === undefined) {
    problems.add(field, `The rule sets neither min nor max, so it checks nothing.`, `Set min, max or both.`);
  }
  for (const [key, v] of [
    ["min", min],
    ["max", max],
  ] as const) {
    if (v === undefined) continue;
    if (!Number.isFinite(v)) problems.add(field, `${key} is ${v}.`, `Use a finite number.`);
    else if (integer && (!Number.isInteger(v) || v < 0)) {
      problems.add(field, `${key} is ${v}; it counts rows or characters.`, `Use a whole number ≥ 0.`);
    }
  }
  if (min !== undefined && max !== undefined && min > max) {
    problems.add(
      field,
      `min (${min}) is greater than max (${max}), so no value can pass.`,
      `Swap or correct the bounds.`,
    );
  }
}

function regexError(pattern: string): string | null {
  if (pattern === "") return "the pattern is empty";
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Constructs a pattern may not use: the jobs match it in Spark (Java), the synthetic sample is drawn from it in
 * Python (rstr), and DQDL passes it on, so only what all of them read alike and what a string can be drawn from
 * is allowed.
 */
const UNPORTABLE_REGEX: readonly [RegExp, string][] = [
  [/\(\?<?[=!]/, "a lookaround"],
  [/\\[1-9]|\\k</, "a backreference"],
  [/\(\?<[a-zA-Z]/, "a named group"],
  [/\\[pP]\{/, "a Unicode property escape"],
];

function unportableRegex(pattern: string): string | null {
  const found = UNPORTABLE_REGEX.find(([construct]) => construct.test(pattern));
  return found ? found[1] : null;
}

export function buildRules(
  dataset: string,
  definitions: readonly RuleDefinition[],
  business: readonly Column[],
  audit: readonly Column[],
  problems: ProblemList,
  broken: ReadonlySet<string> = new Set(),
): Rule[] {
  const byName = new Map(business.map((c) => [c.name, c]));
  const auditNames = new Set(audit.map((c) => c.name));
  const rules: Rule[] = [];
  const ids = new Set<string>();

  for (const [index, definition] of definitions.entries()) {
    const field = `rules[${index}]`;
    const id = ruleId(dataset, definition);
    if (ids.has(id)) {
      problems.add(
        field,
        `Rule id "${id}" is used twice.`,
        `Merge the two ${definition.kind} rules into one.`,
      );
    }
    ids.add(id);

    const column = (name: string, dataLevel: boolean): Column | undefined => {
      const found = byName.get(name);
      // A column whose declaration failed is reported there; a rule on it is not a second problem.
      if (!found && !broken.has(name) && !(dataLevel && auditNames.has(name))) {
        problems.add(
          field,
          `${definition.kind} rule names column "${name}", which is not a business column of "${dataset}".`,
          chooseFrom(name, [...byName.keys()]),
        );
      }
      return found;
    };
    const expectType = (c: Column | undefined, kinds: ReadonlySet<string>, wanted: string): void => {
      if (c && !kinds.has(c.type.kind)) {
        problems.add(
          field,
          `${definition.kind} rule on "${c.name}" needs a ${wanted} column, but it is ${typeLabel(c.type)}.`,
          `Put the rule on a ${wanted} column, or use a rule kind that fits ${typeLabel(c.type)}.`,
        );
      }
    };

    switch (definition.kind) {
      case "not_null":
        column(definition.column, false);
        break;
      case "range":
        expectType(column(definition.column, false), NUMERIC, "numeric");
        checkBounds(definition, field, false, problems);
        break;
      case "length":
        expectType(column(definition.column, false), new Set(["string"]), "string");
        checkBounds(definition, field, true, problems);
        break;
      case "allowed": {
        const c = column(definition.column, false);
        expectType(c, new Set(["string"]), "string");
        if (definition.values.length === 0) {
          problems.add(field, `allowed rule has no values, so every row fails.`, `List the allowed values.`);
        }
        if (new Set(definition.values).size !== definition.values.length) {
          problems.add(field, `allowed rule lists a value twice.`, `List each value once.`);
        }
        break;
      }
      case "regex": {
        expectType(column(definition.column, false), new Set(["string"]), "string");
        const error = regexError(definition.pattern);
        if (error) {
          problems.add(
            field,
            `Invalid regex ${JSON.stringify(definition.pattern)}: ${error}.`,
            `Fix the pattern (Java regex syntax, full match).`,
          );
        } else {
          const construct = unportableRegex(definition.pattern);
          if (construct) {
            problems.add(
              field,
              `regex ${JSON.stringify(definition.pattern)} uses ${construct}, which the jobs, DQDL and the sample generator do not read alike.`,
              `Write the pattern with classes, groups, alternation and quantifiers only.`,
            );
          }
        }
        break;
      }
      case "unique":
        if (definition.columns.length === 0) {
          problems.add(
            field,
            `unique rule names no columns.`,
            `List the columns whose combination must be unique.`,
          );
        }
        for (const name of definition.columns) column(name, true);
        break;
      case "freshness": {
        const c = byName.get(definition.column) ?? audit.find((a) => a.name === definition.column);
        if (!c) column(definition.column, true);
        expectType(c, TEMPORAL, "date or timestamp");
        if (!(definition.maxAgeHours > 0) || !Number.isFinite(definition.maxAgeHours)) {
          problems.add(field, `maxAgeHours is ${definition.maxAgeHours}.`, `Use a positive number of hours.`);
        }
        break;
      }
      case "row_count":
        checkBounds(definition, field, true, problems);
        break;
      case "references":
        column(definition.column, false);
        break;
    }
    rules.push({ ...definition, id, severity: definition.severity ?? "blocking" });
  }
  return rules;
}

function typeLabel(type: LakeType): string {
  return type.kind === "decimal" ? `decimal(${type.precision},${type.scale})` : type.kind;
}
