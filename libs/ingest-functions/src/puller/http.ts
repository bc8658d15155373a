// One page request with the retries an HTTP API expects of a polite client: a 429 waits what Retry-After asks
// (RFC 9110: delay-seconds or an HTTP-date), a 5xx or a network failure backs off exponentially with full jitter,
// anything else fails at once. Time, randomness and fetch are passed in, so the waits are tested exactly.

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterSeconds: number;
}

export interface HttpDependencies {
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  /** In [0, 1). */
  readonly random: () => number;
  readonly now: () => Date;
}

/** A request the puller gives up on; the message names the page, the URL (without query) and the reason. */
export class PullError extends Error {
  override readonly name = "PullError";
}

/** The wait a Retry-After header asks for, in milliseconds; undefined when the header is absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Full jitter: a random wait up to the capped exponential delay of this attempt (1 for the first retry). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

/** The URL as logs and errors may show it: no query string, which can carry cursors and keys. */
export function redactedUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export interface PageRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** 1 for the first page, for messages. */
  readonly page: number;
}

/** The page's body parsed as JSON, after the retries the policy allows. */
export async function fetchJsonPage(
  request: PageRequest,
  policy: RetryPolicy,
  deps: HttpDependencies,
): Promise<unknown> {
  const where = `page ${request.page} (${redactedUrl(request.url)})`;
  let last = "";
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const retryIn = async (ms: number) => {
      if (attempt < policy.maxAttempts) await deps.sleep(ms);
    };
    let response: Response;
    try {
      response = await deps.fetch(request.url, {
        headers: { accept: "application/json", ...request.headers },
        signal: AbortSignal.timeout(request.timeoutMs),
      });
    } catch (error) {
      last = `request failed: ${(error as Error).message}`;
      await retryIn(backoffMs(attempt, policy, deps.random));
      continue;
    }
    if (response.ok) {
      const text = await response.text();
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new PullError(`${where} is not JSON: ${JSON.stringify(text.slice(0, 120))}`);
      }
    }
    const body = (await response.text().catch(() => "")).slice(0, 200);
    last = `HTTP ${response.status}${body ? `: ${body}` : ""}`;
    if (response.status === 429) {
      const asked = retryAfterMs(response.headers.get("retry-after"), deps.now());
      if (asked !== undefined && asked > policy.maxRetryAfterSeconds * 1000) {
        throw new PullError(
          `${where}: rate limited, and Retry-After asks for ${Math.ceil(asked / 1000)} s, more than the ` +
            `${policy.maxRetryAfterSeconds} s this puller waits`,
        );
      }
      await retryIn(asked ?? backoffMs(attempt, policy, deps.random));
      continue;
    }
    if (response.status >= 500) {
      await retryIn(backoffMs(attempt, policy, deps.random));
      continue;
    }
    throw new PullError(`${where}: ${last}`);
  }
  throw new PullError(`${where}: gave up after ${policy.maxAttempts} attempts, the last ${last}`);
}
