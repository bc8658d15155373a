import type { PlanValue } from "./model.js";

/** A value as inline Markdown code, cut to `max` characters so a pull-request comment stays readable. */
export function inlineValue(value: PlanValue | undefined, max = 120): string {
  const text = value === undefined ? "(absent)" : JSON.stringify(value);
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `\`${cut.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
