// The hive layout of bronze (`source=<name>/year=YYYY/month=MM/day=DD/<file>`), written once: the cataloging
// function parses keys with it, the puller writes keys with it, and the Firehose prefix is built from it with
// Firehose's timestamp expressions as the values.

/** The day folders below a source's prefix, outermost first. */
export const HIVE_DAY_KEYS = ["year", "month", "day"] as const;

export type HiveDay = Readonly<Record<(typeof HIVE_DAY_KEYS)[number], string>>;

/** Contract dataset names (`libs/schemas`): lowercase snake_case. */
const SOURCE_NAME = /^[a-z][a-z0-9_]*$/;

/** `source=<name>/year=<year>/month=<month>/day=<day>/`; the values are written as given. */
export function hiveDayPrefix(source: string, day: HiveDay): string {
  return `source=${source}/${HIVE_DAY_KEYS.map((k) => `${k}=${day[k]}`).join("/")}/`;
}

/** The day folders of a UTC instant: `{ year: "2026", month: "01", day: "31" }`. */
export function utcDay(instant: Date): HiveDay {
  const iso = instant.toISOString();
  return { year: iso.slice(0, 4), month: iso.slice(5, 7), day: iso.slice(8, 10) };
}

/** A key in the hive layout: the source, the day as `YYYY-MM-DD`, and the file below the day folder. */
export interface HiveKey {
  readonly source: string;
  readonly date: string;
  readonly file: string;
}

export type ParsedKey =
  { readonly ok: true; readonly key: HiveKey } | { readonly ok: false; readonly reason: string };

const DAY_FOLDERS = /^year=(\d{4})\/month=(\d{2})\/day=(\d{2})\/(.+)$/;

/**
 * The source and day of an already decoded object key, or why the key is outside the layout: not under a
 * `source=` folder, no year/month/day folders after it, a date that does not exist, or a folder marker.
 */
export function parseHiveKey(key: string): ParsedKey {
  if (key.endsWith("/")) return { ok: false, reason: "a folder marker, not a file" };
  const match = /^source=([^/]*)\/(.*)$/.exec(key);
  if (!match) return { ok: false, reason: "not under a source=<name>/ folder" };
  const [, source = "", rest = ""] = match;
  if (!SOURCE_NAME.test(source)) {
    return { ok: false, reason: `source "${source}" is not a dataset name (lowercase snake_case)` };
  }
  const day = DAY_FOLDERS.exec(rest);
  if (!day) return { ok: false, reason: "no year=YYYY/month=MM/day=DD/ folders below the source folder" };
  const [, year = "", month = "", dom = "", file = ""] = day;
  const date = `${year}-${month}-${dom}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    return { ok: false, reason: `${date} is not a calendar date` };
  }
  return { ok: true, key: { source, date, file } };
}
