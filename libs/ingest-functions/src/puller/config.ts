// What one API source's puller does, as the stack writes it into `LAKE_PULL_CONFIG`: the endpoint, how it
// pages, where the records are in a page, how to authenticate, and how hard to retry. Checked once at cold start.
import { z } from "zod";

const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/** HTTPS, or plain HTTP to this machine only (a test server): a bearer token never travels in clear text. */
const endpoint = z.url().refine(
  (value) => {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.includes(url.hostname));
  },
  { message: "must be an https:// URL (plain http only to a loopback host)" },
);

/** Cursor pages: the first request has no cursor, each page names the next one, a page without one is the last. */
const cursorPagination = z.strictObject({
  mode: z.literal("cursor"),
  /** Query parameter that carries the cursor. */
  cursorParam: z.string().min(1),
  /** Where the next cursor is in a page, as a dotted path (`meta.next_cursor`). */
  nextCursorPath: z.string().min(1),
});

/** Numbered pages: `firstPage`, then one more each time, until an empty (or, with `pageSize`, a short) page. */
const pagePagination = z.strictObject({
  mode: z.literal("page"),
  pageParam: z.string().min(1),
  firstPage: z.int().min(0).default(1),
  /** With both set, the puller asks for `pageSize` records and a shorter page is the last. */
  pageSizeParam: z.string().min(1).optional(),
  pageSize: z.int().min(1).optional(),
});

/** Paging by number with a page size needs both the parameter and the size. */
function pageSizeGoesWithItsParameter(
  p: z.output<typeof cursorPagination> | z.output<typeof pagePagination>,
) {
  return p.mode === "cursor" || (p.pageSizeParam === undefined) === (p.pageSize === undefined);
}

const pagination = z
  .discriminatedUnion("mode", [cursorPagination, pagePagination])
  .refine(pageSizeGoesWithItsParameter, { message: "pageSizeParam and pageSize go together" });

const authHeader = {
  /** The JSON field of the secret that holds the token; absent when the secret is the token itself. */
  secretField: z.string().min(1).optional(),
  header: z.string().min(1).default("Authorization"),
  /** Written before the token, `Bearer <token>`; "" for a bare token (an API key header). */
  scheme: z.string().default("Bearer"),
};

const retry = z
  .strictObject({
    /** Attempts per request, the first included. */
    maxAttempts: z.int().min(1).max(10).default(5),
    baseDelayMs: z.int().min(1).default(500),
    maxDelayMs: z.int().min(1).default(20_000),
    /** A 429 asking to wait longer than this fails the run: the Lambda retry comes back later. */
    maxRetryAfterSeconds: z.int().min(0).default(120),
  })
  .default({ maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterSeconds: 120 });

/** How to pull one API, as a stack configures it: everything but where the records go and which secret to read. */
const pullSettingsShape = {
  url: endpoint,
  /** Fixed query parameters of every request. */
  query: z.record(z.string(), z.string()).default({}),
  pagination,
  /** Where a page's records are, as a dotted path; "" when the page itself is the list. */
  itemsPath: z.string().default("data"),
  /** More pages than this fails the run instead of truncating it. */
  maxPages: z.int().min(1).default(1000),
  retry,
  requestTimeoutMs: z.int().min(100).default(30_000),
  /**
   * A field the puller sets on every record to the time its page was received (UTC ISO 8601), when the record
   * has none: the contract's "when the API delivered the record". Absent: records are written as received.
   */
  receivedAtField: z.string().min(1).optional(),
};

export const pullSettingsSchema = z.strictObject({
  ...pullSettingsShape,
  auth: z.strictObject(authHeader).default({ header: "Authorization", scheme: "Bearer" }),
});

/** What the puller function reads from `LAKE_PULL_CONFIG`: the settings, the source, the bucket, the secret. */
export const pullConfigSchema = z.strictObject({
  /** The dataset the records belong to: the `source=<name>/` folder they land in. */
  source: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be a dataset name (lowercase snake_case)"),
  /** The bronze bucket. */
  bucket: z.string().min(3),
  ...pullSettingsShape,
  auth: z.strictObject({
    /** Secrets Manager secret id (name or ARN) holding the credential. */
    secretId: z.string().min(1),
    ...authHeader,
  }),
});

export type PullSettings = z.output<typeof pullSettingsSchema>;
export type PullSettingsInput = z.input<typeof pullSettingsSchema>;
export type PullConfig = z.output<typeof pullConfigSchema>;
export type PullConfigInput = z.input<typeof pullConfigSchema>;

/** The config, or an error listing every bad key. */
export function parsePullConfig(value: unknown): PullConfig {
  const result = pullConfigSchema.safeParse(value);
  if (!result.success) throw new Error(`LAKE_PULL_CONFIG is invalid:\n${z.prettifyError(result.error)}`);
  return result.data;
}
