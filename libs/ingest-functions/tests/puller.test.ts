// The puller in-process against a local HTTP API (scripted per request) and moto's S3 and Secrets Manager:
// pagination by cursor and by page number, 429 with Retry-After, 5xx with backoff, malformed and empty pages.
import { Logger } from "@aws-lambda-powertools/logger";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { parsePullConfig, type PullConfigInput } from "../src/puller/config.js";
import { createPullerHandler } from "../src/puller/puller.js";
import { clients, REGION, unique } from "./aws.js";

interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

/** A local API that answers each request with the next scripted reply, and records what it was asked. */
class ScriptedApi {
  readonly requests: { url: URL; authorization: string | undefined; apiKey: unknown }[] = [];
  private readonly server: Server;

  constructor(private readonly replies: ((request: URL) => Reply)[]) {
    this.server = createServer((req: IncomingMessage, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      this.requests.push({ url, authorization: req.headers.authorization, apiKey: req.headers["x-api-key"] });
      const next = this.replies.shift();
      const reply: Reply = next ? next(url) : { status: 500, body: "no reply scripted" };
      res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
      res.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
    });
  }

  async start(): Promise<string> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    const address = this.server.address();
    if (address === null || typeof address === "string") throw new Error("no address");
    return `http://127.0.0.1:${address.port}/v2/tickets`;
  }

  async stop(): Promise<void> {
    this.server.close();
    await once(this.server, "close");
  }

  get paths(): string[] {
    return this.requests.map((r) => `${r.url.pathname}${r.url.search}`);
  }
}

const servers: ScriptedApi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const SCHEDULED = "2026-01-31T14:05:00Z";
const ok = (body: unknown) => () => ({ body });

interface Run {
  readonly api: ScriptedApi;
  readonly bucket: string;
  readonly sleeps: number[];
  readonly run: () => ReturnType<ReturnType<typeof createPullerHandler>>;
  readonly written: () => Promise<Record<string, string>>;
}

async function puller(
  replies: ((request: URL) => Reply)[],
  config: Partial<Omit<PullConfigInput, "auth">> = {},
  secret = '{"token": "s3cr3t"}',
  auth: Partial<PullConfigInput["auth"]> = { secretField: "token" },
): Promise<Run> {
  const aws = clients();
  const api = new ScriptedApi(replies);
  servers.push(api);
  const url = await api.start();
  const bucket = unique("bronze");
  await aws.s3.send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
  );
  const secretId = unique("helpdesk");
  await aws.secrets.send(new CreateSecretCommand({ Name: secretId, SecretString: secret }));
  const sleeps: number[] = [];
  const handler = createPullerHandler({
    s3: aws.s3,
    secrets: aws.secrets,
    logger: new Logger({ serviceName: "test", logLevel: "SILENT" }),
    config: parsePullConfig({
      source: "support_tickets",
      bucket,
      url,
      pagination: { mode: "cursor", cursorParam: "cursor", nextCursorPath: "meta.next" },
      auth: { secretId, ...auth },
      receivedAtField: "ingestion_timestamp",
      ...config,
    }),
    fetch: globalThis.fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    now: () => new Date("2026-01-31T14:05:07.250Z"),
  });
  const written = async () => {
    const listed = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const out: Record<string, string> = {};
    for (const o of listed.Contents ?? []) {
      const object = await aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key }));
      out[o.Key ?? ""] = (await object.Body?.transformToString()) ?? "";
    }
    return out;
  };
  return { api, bucket, sleeps, run: () => handler({ scheduledTime: SCHEDULED }), written };
}

const KEY = "source=support_tickets/year=2026/month=01/day=31/20260131T140500Z.jsonl";
const lines = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("puller against a local API and moto", () => {
  it("follows cursors to the last page and writes every record as JSON lines in the scheduled day", async () => {
    const p = await puller([
      ok({ data: [{ ticket_id: "t1" }, { ticket_id: "t2" }], meta: { next: "c2" } }),
      ok({ data: [{ ticket_id: "t3", ingestion_timestamp: "2026-01-31T13:00:00Z" }], meta: { next: "c3" } }),
      ok({ data: [{ ticket_id: "t4" }], meta: { next: null } }),
    ]);

    expect(await p.run()).toEqual({ source: "support_tickets", pages: 3, records: 4, key: KEY });

    expect(p.api.paths).toEqual(["/v2/tickets", "/v2/tickets?cursor=c2", "/v2/tickets?cursor=c3"]);
    expect(new Set(p.api.requests.map((r) => r.authorization))).toEqual(new Set(["Bearer s3cr3t"]));
    const objects = await p.written();
    expect(Object.keys(objects)).toEqual([KEY]);
    expect(objects[KEY]?.endsWith("}\n")).toBe(true);
    expect(lines(objects[KEY]!)).toEqual([
      { ticket_id: "t1", ingestion_timestamp: "2026-01-31T14:05:07.250Z" },
      { ticket_id: "t2", ingestion_timestamp: "2026-01-31T14:05:07.250Z" },
      { ticket_id: "t3", ingestion_timestamp: "2026-01-31T13:00:00Z" },
      { ticket_id: "t4", ingestion_timestamp: "2026-01-31T14:05:07.250Z" },
    ]);
  });

  it("numbers pages, stopping at a short page when it knows the page size", async () => {
    const p = await puller(
      [
        ok({ items: [{ id: 1 }, { id: 2 }] }),
        ok({ items: [{ id: 3 }, { id: 4 }] }),
        ok({ items: [{ id: 5 }] }),
      ],
      {
        pagination: { mode: "page", pageParam: "page", firstPage: 1, pageSizeParam: "per_page", pageSize: 2 },
        itemsPath: "items",
        query: { status: "all" },
        receivedAtField: undefined,
      },
    );

    expect((await p.run()).records).toBe(5);

    expect(p.api.paths).toEqual([
      "/v2/tickets?status=all&page=1&per_page=2",
      "/v2/tickets?status=all&page=2&per_page=2",
      "/v2/tickets?status=all&page=3&per_page=2",
    ]);
    expect(lines((await p.written())[KEY]!)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
  });

  it("numbers pages without a page size until an empty page", async () => {
    const p = await puller([ok([{ id: 1 }]), ok([{ id: 2 }]), ok([])], {
      pagination: { mode: "page", pageParam: "p", firstPage: 0 },
      itemsPath: "",
    });

    expect(await p.run()).toMatchObject({ pages: 3, records: 2 });

    expect(p.api.paths).toEqual(["/v2/tickets?p=0", "/v2/tickets?p=1", "/v2/tickets?p=2"]);
  });

  it("waits what a 429's Retry-After asks, in seconds or as a date, then asks again", async () => {
    const p = await puller([
      () => ({ status: 429, headers: { "retry-after": "7" }, body: { error: "slow down" } }),
      ok({ data: [{ ticket_id: "t1" }], meta: { next: "c2" } }),
      () => ({ status: 429, headers: { "retry-after": "Sat, 31 Jan 2026 14:05:10 GMT" }, body: "" }),
      ok({ data: [{ ticket_id: "t2" }], meta: {} }),
    ]);

    expect((await p.run()).records).toBe(2);

    // 7 s, then the 2.75 s from the clock (14:05:07.250) to the date asked for.
    expect(p.sleeps).toEqual([7000, 2750]);
    expect(p.api.paths).toEqual([
      "/v2/tickets",
      "/v2/tickets",
      "/v2/tickets?cursor=c2",
      "/v2/tickets?cursor=c2",
    ]);
  });

  it("fails the run when Retry-After asks for longer than it may wait, and writes nothing", async () => {
    const p = await puller([() => ({ status: 429, headers: { "retry-after": "3600" }, body: "" })]);

    await expect(p.run()).rejects.toThrow(
      /page 1 \(http:\/\/127\.0\.0\.1:\d+\/v2\/tickets\): rate limited, and Retry-After asks for 3600 s, more than the 120 s/,
    );
    expect(await p.written()).toEqual({});
  });

  it("retries 5xx with exponential backoff and full jitter", async () => {
    const p = await puller(
      [
        () => ({ status: 503, body: "unavailable" }),
        () => ({ status: 502, body: "" }),
        () => ({ status: 500, body: "" }),
        ok({ data: [{ ticket_id: "t1" }] }),
      ],
      { retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 300, maxRetryAfterSeconds: 120 } },
    );

    expect((await p.run()).records).toBe(1);

    // Half (random 0.5) of 100, 200, then 400 capped at 300.
    expect(p.sleeps).toEqual([50, 100, 150]);
  });

  it("gives up after the last attempt, naming the last error", async () => {
    const p = await puller(
      [() => ({ status: 500, body: "boom" }), () => ({ status: 500, body: "boom again" })],
      { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterSeconds: 1 } },
    );

    await expect(p.run()).rejects.toThrow(
      /page 1 .*: gave up after 2 attempts, the last HTTP 500: boom again/,
    );
    expect(p.sleeps).toEqual([5]);
  });

  it("fails at once on a client error", async () => {
    const p = await puller([() => ({ status: 403, body: { error: "forbidden" } })]);

    await expect(p.run()).rejects.toThrow(/page 1 .*: HTTP 403: \{"error":"forbidden"\}/);
    expect(p.api.requests).toHaveLength(1);
  });

  it.each([
    ["a page that is not JSON", "<html>gateway</html>", /page 2 \(.*\) is not JSON: "<html>gateway<\/html>"/],
    ["a page without the list", { data: { ticket_id: "t2" } }, /page 2: "data" is not a list of records/],
    ["a record that is not an object", { data: ["t2"] }, /page 2: a record is not a JSON object: "t2"/],
  ])("fails the whole run on %s, writing nothing", async (_name, body, message) => {
    const p = await puller([ok({ data: [{ ticket_id: "t1" }], meta: { next: "c2" } }), ok(body)]);

    await expect(p.run()).rejects.toThrow(message);
    expect(await p.written()).toEqual({});
  });

  it("writes no object when the first page is empty", async () => {
    const p = await puller([ok({ data: [], meta: { next: "c2" } })]);

    expect(await p.run()).toEqual({ source: "support_tickets", pages: 1, records: 0, key: null });

    expect(p.api.requests).toHaveLength(1);
    expect(await p.written()).toEqual({});
  });

  it("refuses a cursor that does not move, and more pages than allowed", async () => {
    const loop = await puller([
      ok({ data: [{ id: 1 }], meta: { next: "same" } }),
      ok({ data: [{ id: 2 }], meta: { next: "same" } }),
    ]);
    await expect(loop.run()).rejects.toThrow(/the API returned the cursor it was given, "same"/);

    const many = await puller(
      [ok({ data: [{ id: 1 }], meta: { next: "a" } }), ok({ data: [{ id: 2 }], meta: { next: "b" } })],
      { maxPages: 2 },
    );
    await expect(many.run()).rejects.toThrow(/more than maxPages \(2\) pages/);
  });

  it("replaces its own object when the same scheduled run is retried", async () => {
    const p = await puller([ok({ data: [{ id: 1 }] }), ok({ data: [{ id: 1 }, { id: 2 }] })]);

    await p.run();
    await p.run();

    const objects = await p.written();
    expect(Object.keys(objects)).toEqual([KEY]);
    expect(lines(objects[KEY]!).map((r) => r["id"])).toEqual([1, 2]);
  });

  it("sends a bare token under the configured header, from a secret that is the token itself", async () => {
    const p = await puller([ok({ data: [{ id: 1 }] })], {}, "k3y", { header: "x-api-key", scheme: "" });

    await p.run();

    expect(p.api.requests.map((r) => r.url.pathname)).toEqual(["/v2/tickets"]);
    expect(p.api.requests[0]).toMatchObject({ authorization: undefined, apiKey: "k3y" });
  });
});
