// One pull of an API source: every page in order, every record kept, written as one JSON lines object in the
// source's bronze day. The object's key is a function of the scheduled time, so a retried invocation of the same
// schedule replaces its own object instead of adding a second copy.
import { hiveDayPrefix, utcDay } from "../layout.js";
import type { PullConfig } from "./config.js";
import { fetchJsonPage, PullError, type HttpDependencies } from "./http.js";

/** The value at a dotted path (`meta.next_cursor`); "" is the value itself. */
export function valueAt(value: unknown, path: string): unknown {
  if (path === "") return value;
  return path.split(".").reduce<unknown>((v, key) => {
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)[key]
      : undefined;
  }, value);
}

/** Where paging stands: the next page number or cursor to ask for. */
export interface PageState {
  readonly page: number;
  readonly cursor?: string;
}

/** The URL of the page `state` names. */
export function pageUrl(config: PullConfig, state: PageState): URL {
  const url = new URL(config.url);
  for (const [name, value] of Object.entries(config.query)) url.searchParams.set(name, value);
  const p = config.pagination;
  if (p.mode === "page") {
    url.searchParams.set(p.pageParam, String(state.page));
    if (p.pageSizeParam && p.pageSize) url.searchParams.set(p.pageSizeParam, String(p.pageSize));
  } else if (state.cursor !== undefined) {
    url.searchParams.set(p.cursorParam, state.cursor);
  }
  return url;
}

/** The page after one that held `items`, or undefined when it was the last. */
export function nextPage(
  config: PullConfig,
  state: PageState,
  body: unknown,
  items: readonly unknown[],
): PageState | undefined {
  if (items.length === 0) return undefined;
  const p = config.pagination;
  if (p.mode === "page") {
    if (p.pageSize !== undefined && items.length < p.pageSize) return undefined;
    return { page: state.page + 1 };
  }
  const next = valueAt(body, p.nextCursorPath);
  if (next === undefined || next === null || next === "") return undefined;
  if (typeof next !== "string" && typeof next !== "number") {
    throw new PullError(`page ${state.page}: ${p.nextCursorPath} is not a cursor: ${JSON.stringify(next)}`);
  }
  const cursor = String(next);
  if (cursor === state.cursor) {
    throw new PullError(
      `page ${state.page}: the API returned the cursor it was given, ${JSON.stringify(cursor)}`,
    );
  }
  return { page: state.page + 1, cursor };
}

/** The records of a page; a page without a list where the config says fails the pull, naming the page. */
export function itemsOf(config: PullConfig, body: unknown, page: number): unknown[] {
  const items = valueAt(body, config.itemsPath);
  if (!Array.isArray(items)) {
    const where = config.itemsPath === "" ? "the page" : `"${config.itemsPath}"`;
    throw new PullError(`page ${page}: ${where} is not a list of records (found ${typeof items})`);
  }
  return items;
}

/** The record with `field` set to `receivedAt` when it has no value there; a non-object record is refused. */
export function stampRecord(
  record: unknown,
  field: string | undefined,
  receivedAt: string,
  page: number,
): unknown {
  if (field === undefined) return record;
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    throw new PullError(
      `page ${page}: a record is not a JSON object: ${JSON.stringify(record).slice(0, 80)}`,
    );
  }
  const fields = record as Record<string, unknown>;
  return fields[field] === undefined || fields[field] === null ? { ...fields, [field]: receivedAt } : record;
}

/** JSON lines: one record per line, each line ending in a newline. */
export function jsonLines(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join("");
}

/** `source=<name>/year=YYYY/month=MM/day=DD/<YYYYMMDDTHHMMSSZ>.jsonl`, the day and name from the scheduled time. */
export function pullObjectKey(source: string, scheduledTime: Date): string {
  const stamp = scheduledTime
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  return `${hiveDayPrefix(source, utcDay(scheduledTime))}${stamp}.jsonl`;
}

export interface PullResult {
  readonly records: unknown[];
  readonly pages: number;
}

/** Every page of the source, in order, with the authorization header on each request. */
export async function pullAllPages(
  config: PullConfig,
  authorization: Readonly<Record<string, string>>,
  deps: HttpDependencies,
): Promise<PullResult> {
  const records: unknown[] = [];
  let state: PageState | undefined = {
    page: config.pagination.mode === "page" ? config.pagination.firstPage : 1,
  };
  let pages = 0;
  while (state !== undefined) {
    if (pages >= config.maxPages) {
      throw new PullError(`more than maxPages (${config.maxPages}) pages: raise it, or pull more often`);
    }
    pages += 1;
    const body = await fetchJsonPage(
      {
        url: pageUrl(config, state),
        headers: authorization,
        timeoutMs: config.requestTimeoutMs,
        page: pages,
      },
      config.retry,
      deps,
    );
    const receivedAt = deps.now().toISOString();
    const items = itemsOf(config, body, pages);
    for (const item of items) records.push(stampRecord(item, config.receivedAtField, receivedAt, pages));
    state = nextPage(config, state, body, items);
  }
  return { records, pages };
}
