// The deployed code: each function's esbuild bundle, its imports, its determinism, and the bundle itself run
// on this Node against moto (the Lambda runtime provides the AWS SDK; here the workspace's node_modules do).
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { builtinModules, createRequire } from "node:module";
import { runInThisContext } from "node:vm";
import { afterEach, describe, expect, it, inject } from "vitest";
import { esbuildOptions, FUNCTION_ENTRIES, functionBundle, type IngestFunctionName } from "../src/bundle.js";
import { bronzeBucket, crawlCount, crawlerFor, putObject, receivedBatch, tagsOf } from "./bronze.js";
import { setCrawlTransition } from "./aws.js";

const names = Object.keys(FUNCTION_ENTRIES) as IngestFunctionName[];

/** Loads a CommonJS bundle as Lambda's runtime would, resolving what it imports from this package. */
function load(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = runInThisContext(`(function (exports, require, module) {${code}\n})`) as (
    e: unknown,
    r: NodeRequire,
    m: unknown,
  ) => void;
  wrapper(module.exports, createRequire(import.meta.url), module);
  return module.exports;
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe.each(names)("the %s bundle", (name) => {
  const bundle = functionBundle(name);

  it("imports only the AWS SDK and Node.js built-ins, which the Lambda runtime provides", () => {
    expect(bundle.imports.length).toBeGreaterThan(0);
    for (const path of bundle.imports) {
      const builtin = path.startsWith("node:") || builtinModules.includes(path);
      expect(builtin || path.startsWith("@aws-sdk/"), path).toBe(true);
    }
    expect(bundle.imports).toContain("@aws-sdk/client-s3");
    expect(bundle.code).not.toMatch(/\/work\/|node_modules\/@aws-sdk\/client-s3\/dist/);
  });

  it("is named by the hash of its bytes, and the same bytes come from a second build", () => {
    expect(bundle.sha256).toBe(createHash("sha256").update(bundle.code).digest("hex"));
    const again = buildSync(esbuildOptions(name));
    expect(createHash("sha256").update(again.outputFiles[0]!.text).digest("hex")).toBe(bundle.sha256);
    expect(bundle).toMatchObject({ fileName: "index.js", handler: "index.handler" });
  });

  it("refuses to start without its configuration, naming the variable", () => {
    delete process.env["LAKE_BRONZE_BUCKET"];
    delete process.env["LAKE_PULL_CONFIG"];
    expect(() => load(bundle.code)).toThrow(
      name === "cataloging" ? /LAKE_BRONZE_BUCKET is not set/ : /LAKE_PULL_CONFIG is not set/,
    );
  });
});

describe("the cataloging bundle, run", () => {
  it("catalogs a batch against moto as the handler does", async () => {
    await setCrawlTransition({ progression: "immediate" });
    const bronze = await bronzeBucket();
    const crawler = await crawlerFor(bronze, "customers");
    const key = "source=customers/year=2026/month=01/day=31/bundled run.json";
    await putObject(bronze, key);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: inject("motoEndpoint"),
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      POWERTOOLS_LOG_LEVEL: "SILENT",
      LAKE_BRONZE_BUCKET: bronze.bucket,
      LAKE_CRAWLERS: JSON.stringify({ customers: crawler }),
    });
    const { handler } = load(functionBundle("cataloging").code) as {
      handler: (event: unknown) => Promise<unknown>;
    };

    expect(await handler(await receivedBatch(bronze, 2))).toEqual({ batchItemFailures: [] });

    expect(await tagsOf(bronze, key)).toEqual({
      "lake:source": "customers",
      "lake:ingest-date": "2026-01-31",
    });
    expect(await crawlCount(bronze, crawler)).toBe(1);
  });
});
