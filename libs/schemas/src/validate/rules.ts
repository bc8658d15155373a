// Quality rules: each must name existing columns of a type its kind can check, with sensible bounds. The ids
// are derived here so every generator and the jobs agree on them.
import type { ProblemList } from "../errors.js";
import {
  COMPARISON_OPERATORS,
  DURATION_UNITS,
  type Column,
  type LakeType,
  type Rule,
  type RuleDefinition,
} from "../types.js";
import { chooseFrom } from "./suggest.js";

const NUMERIC = new Set(["int", "bigint", "smallint", "tinyint", "decimal", "double", "float"]);
const TEMPORAL = new Set(["date", "timestamp"]);

/**
 * `<dataset>.<subject>.<kind>`: the subject is the column, the columns joined by "+", the two columns a
 * cross-column rule relates (`resolved_date+created_date`), or the dataset.
 */
export function ruleId(dataset: string, rule: RuleDefinition): string {
  const subject =
    rule.kind === "compare"
      ? `${rule.column}+${rule.other}`
      : rule.kind === "null_when"
        ? `${rule.column}+${rule.when}`
        : "column" in rule
          ? rule.column
          : "columns" in rule
            ? rule.columns.join("+")
            : dataset;
  return `${dataset}.${subject}.${rule.kind}`;
}

/** The kinds of values that order and compare with each other. */
function comparableFamily(type: LakeType): string {
  if (NUMERIC.has(type.kind)) return "numeric";
  if (TEMPORAL.has(type.kind)) return "temporal";
  if (type.kind === "string" || type.kind === "boolean") return type.kind;
  return `not comparable (${type.kind})`;
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
    // Cross-column rules may name audit columns too (a business date against lake_ingest_date).
    const anyColumn = (name: string): Column | undefined => {
      const found = byName.get(name) ?? audit.find((a) => a.name === name);
      if (!found) column(name, false);
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
      case "compare": {
        const left = anyColumn(definition.column);
        const right = anyColumn(definition.other);
        if (!(COMPARISON_OPERATORS as readonly string[]).includes(definition.operator)) {
          problems.add(
            field,
            `compare rule has operator ${JSON.stringify(definition.operator)}.`,
            `Use one of: ${COMPARISON_OPERATORS.join(" ")}.`,
          );
        }
        if (definition.column === definition.other) {
          problems.add(
            field,
            `compare rule compares "${definition.column}" with itself.`,
            `Name two columns.`,
          );
        } else if (left && right) {
          const [a, b] = [comparableFamily(left.type), comparableFamily(right.type)];
          const ordered = !["=", "<>"].includes(definition.operator);
          if (a !== b || a.startsWith("not comparable") || (ordered && a === "boolean")) {
            problems.add(
              field,
              `compare rule relates "${left.name}" (${typeLabel(left.type)}) and "${right.name}" ` +
                `(${typeLabel(right.type)}) with ${definition.operator}, which cannot compare them.`,
              `Compare numbers with numbers, dates and timestamps with each other, text with text.`,
            );
          }
        }
        break;
      }
      case "null_when": {
        const subject = anyColumn(definition.column);
        const when = anyColumn(definition.when);
        if (subject && !subject.nullable) {
          problems.add(
            field,
            `null_when rule on "${subject.name}", which is not nullable, so it can never be null.`,
            `Declare "${subject.name}" .nullable(), or remove the rule.`,
          );
        }
        if (definition.column === definition.when) {
          problems.add(
            field,
            `null_when rule makes "${definition.column}" depend on itself.`,
            `Name two columns.`,
          );
        }
        expectType(when, new Set(["string"]), "string");
        if (definition.values.length === 0) {
          problems.add(
            field,
            `null_when rule lists no values, so the column could never be null.`,
            `List them.`,
          );
        }
        const unknown = when?.enum ? definition.values.filter((v) => !when.enum?.includes(v)) : [];
        if (unknown.length > 0) {
          problems.add(
            field,
            `null_when rule lists ${unknown.map((v) => JSON.stringify(v)).join(", ")}, which "${definition.when}" never holds.`,
            `Use values of "${definition.when}": ${when?.enum?.join(", ")}.`,
          );
        }
        break;
      }
      case "duration": {
        expectType(anyColumn(definition.column), NUMERIC, "numeric");
        for (const name of [definition.from, definition.to])
          expectType(anyColumn(name), TEMPORAL, "date or timestamp");
        if (!(DURATION_UNITS as readonly string[]).includes(definition.unit)) {
          problems.add(
            field,
            `duration rule has unit ${JSON.stringify(definition.unit)}.`,
            `Use one of: ${DURATION_UNITS.join(", ")}.`,
          );
        }
        break;
      }
    }
    rules.push({ ...definition, id, severity: definition.severity ?? "blocking" });
  }
  return rules;
}

function typeLabel(type: LakeType): string {
  return type.kind === "decimal" ? `decimal(${type.precision},${type.scale})` : type.kind;
}
