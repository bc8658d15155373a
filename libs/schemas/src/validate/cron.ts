// EventBridge / Glue trigger cron syntax: cron(Minutes Hours Day-of-month Month Day-of-week Year), six fields,
// and one of Day-of-month / Day-of-week must be "?".

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Extra single-token forms this field accepts (L, W, #). */
  readonly special?: RegExp;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const FIELDS: readonly FieldSpec[] = [
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, special: /^(L|LW|\d{1,2}W)$/ },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 1, max: 7, names: DAYS, special: /^(L|[1-7]L|[1-7]#[1-5])$/ },
  { name: "year", min: 1970, max: 2199 },
];

function value(token: string, spec: FieldSpec): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= 0 ? index + 1 : null;
}

function inRange(token: string, spec: FieldSpec): boolean {
  const n = value(token, spec);
  return n !== null && n >= spec.min && n <= spec.max;
}

function fieldError(field: string, spec: FieldSpec): string | null {
  if (field === "*" || field === "?") return null;
  if (spec.special?.test(field)) return null;
  for (const item of field.split(",")) {
    const [range, step, extra] = item.split("/");
    if (extra !== undefined || range === undefined || range === "") return `"${item}" in ${spec.name}`;
    if (step !== undefined && !/^\d+$/.test(step)) return `step "${step}" in ${spec.name}`;
    if (range === "*") continue;
    const [from, to, more] = range.split("-");
    if (
      more !== undefined ||
      from === undefined ||
      !inRange(from, spec) ||
      (to !== undefined && !inRange(to, spec))
    ) {
      return `"${item}" in ${spec.name} (allowed ${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names.at(-1)}` : ""})`;
    }
  }
  return null;
}

/** Why `schedule` is not a valid EventBridge cron expression, or null when it is. */
export function cronError(schedule: string): string | null {
  const match = /^cron\((.*)\)$/.exec(schedule.trim());
  if (!match) return `"${schedule}" is not of the form cron(...)`;
  const fields = match[1]!.trim().split(/\s+/);
  if (fields.length !== 6)
    return `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
  for (const [i, spec] of FIELDS.entries()) {
    const error = fieldError(fields[i]!, spec);
    if (error) return `invalid ${error}`;
  }
  const [, , dom, , dow] = fields;
  if ((dom === "?") === (dow === "?")) return `exactly one of day-of-month and day-of-week must be "?"`;
  return null;
}
