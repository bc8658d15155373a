/// <reference lib="dom" />
// The catalog site in a real browser: Debian's chromium (installed by `make setup`), driven by playwright-core.
// Every page renders without console errors, the lineage diagram draws exactly the registry's edges, every link
// resolves, search finds datasets by dataset and column name, and each dataset page lists the personas of the dev
// stack's access model (`dist/access/governance.dev.json`, which the test target makes first) that may read it.
// Screenshots of the index and of a page with restricted readers are kept for review.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAccessModel, readersOf, type AccessModelFile } from "../src/catalog/access.js";
import { catalogFiles, datasetPage } from "../src/catalog/render.js";
import { registry } from "../src/index.js";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const SCREENSHOT_DIR = join(
  fileURLToPath(new URL("../../..", import.meta.url)),
  "dist",
  "test-output",
  "catalog",
);

const ACCESS_FILE = join(
  fileURLToPath(new URL("../../..", import.meta.url)),
  "dist",
  "access",
  "governance.dev.json",
);

let site: string;
let browser: Browser;
let access: AccessModelFile;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run \`make setup\` (it installs chromium)`);
  if (!existsSync(ACCESS_FILE))
    throw new Error(`${ACCESS_FILE} is missing: run \`make access-model\` (the test target runs it first)`);
  access = parseAccessModel(readFileSync(ACCESS_FILE, "utf8"), ACCESS_FILE);
  site = mkdtempSync(join(tmpdir(), "catalog-"));
  for (const [path, content] of Object.entries(catalogFiles(registry, access, ACCESS_FILE))) {
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), content);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});
afterAll(async () => {
  await browser?.close();
  rmSync(site, { recursive: true, force: true });
});

/** Opens a page of the site and collects every console error and uncaught exception while it loads. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("requestfailed", (r) => errors.push(`failed to load ${r.url()}`));
  await page.goto(pathToFileURL(join(site, path)).href, { waitUntil: "load" });
  return { page, errors };
}

const pages = ["index.html", ...registry.all().map((c) => datasetPage(c.name))];

describe("the catalog site in headless Chromium", () => {
  it.each(pages)("renders %s without console errors, and every link resolves", async (path) => {
    const { page, errors } = await open(path);
    expect(await page.locator("h1").first().textContent()).toBeTruthy();
    // SVG links carry their href as an attribute only, so every href is resolved against the page's address.
    const links = await page.$$eval("a[href]", (as) =>
      as.map((a) => new URL(a.getAttribute("href")!, document.baseURI).href),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      if (href.startsWith("mailto:")) continue;
      const url = new URL(href);
      expect(url.protocol, href).toBe("file:");
      expect(existsSync(fileURLToPath(url)), `${path} links to ${href}`).toBe(true);
      if (url.hash) {
        const target = await browser.newPage();
        await target.goto(href);
        expect(await target.locator(`[id="${decodeURIComponent(url.hash.slice(1))}"]`).count(), href).toBe(1);
        await target.close();
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws the lineage edges the registry defines, each a visible path between two nodes", async () => {
    const { page, errors } = await open("index.html");
    const expected = [
      ...registry.withSource().map((c) => `bronze:${c.name} -> silver:${c.name}`),
      ...registry.byLayer("gold").flatMap((g) => g.derivedFrom.map((s) => `silver:${s} -> gold:${g.name}`)),
    ].sort();
    const drawn = await page.$$eval("#lineage path.edge", (paths) =>
      paths.map((p) => {
        const box = (p as SVGPathElement).getBBox();
        return {
          edge: `${p.getAttribute("data-from")} -> ${p.getAttribute("data-to")}`,
          length: (p as SVGPathElement).getTotalLength(),
          width: box.width,
        };
      }),
    );
    expect(drawn.map((d) => d.edge).sort()).toEqual(expected);
    for (const d of drawn) expect(d.length, d.edge).toBeGreaterThan(50);
    const nodes = await page.$$eval("#lineage g.node", (gs) => gs.map((g) => g.getAttribute("data-node")));
    for (const edge of expected) for (const end of edge.split(" -> ")) expect(nodes).toContain(end);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const shot = join(SCREENSHOT_DIR, "index.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`catalog screenshot: ${shot}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(registry.all().map((c) => c.name))(
    "lists on %s's page the personas that may read it, with hidden columns and row filter",
    async (name) => {
      const contract = registry.get(name);
      const expected = readersOf(access, contract, ACCESS_FILE).map((r) => ({
        persona: r.persona,
        principal: r.principal,
        hidden: r.hidden.join(", ") || "none",
        rows: r.rowFilter ? `${r.rowFilter.expression} (${r.rowFilter.name})` : "all rows",
      }));
      const { page, errors } = await open(datasetPage(name));
      expect(await page.locator("#access").textContent()).toContain("dev stack");
      const shown = await page.$$eval("#access + table tr.reader", (rows) =>
        rows.map((tr) => ({
          persona: tr.getAttribute("data-persona"),
          principal: tr.getAttribute("data-principal"),
          hidden: tr.querySelector(".hidden-columns")!.textContent,
          rows: tr.querySelector(".row-filter")!.textContent,
          visible: (tr as HTMLElement).offsetHeight > 0,
        })),
      );
      expect(shown.map(({ visible: _v, ...r }) => r)).toEqual(expected);
      for (const r of shown) expect(r.visible, r.persona!).toBe(true);
      if (expected.length === 0)
        expect(await page.textContent("main")).toContain("No persona of the dev stack");
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it("shows a restricted reader: hidden PII columns and a row filter on customer_360", async () => {
    // The dev stack's personas restrict these (apps/governance stack config); the page must say how.
    const readers = readersOf(access, registry.get("customer_360"), ACCESS_FILE);
    const filtered = readers.find((r) => r.rowFilter !== null);
    const hiding = readers.find((r) => r.hidden.length > 0);
    expect(filtered && hiding).toBeTruthy();
    const { page, errors } = await open(datasetPage("customer_360"));
    const row = (persona: string, principal: string) =>
      page.locator(`tr.reader[data-persona="${persona}"][data-principal="${principal}"]`);
    expect(await row(filtered!.persona, filtered!.principal).locator(".row-filter").textContent()).toContain(
      filtered!.rowFilter!.expression,
    );
    for (const column of hiding!.hidden) {
      expect(
        await row(hiding!.persona, hiding!.principal).locator(".hidden-columns").textContent(),
      ).toContain(column);
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.locator("#access").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, "customer_360-access.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  // What the search must find: every dataset whose name or one of whose columns contains the query.
  const matching = (query: string) =>
    registry
      .all()
      .filter(
        (c) =>
          c.name.includes(query) || [...c.columns, ...c.auditColumns].some((col) => col.name.includes(query)),
      )
      .map((c) => c.name);

  it.each([
    ["a dataset name", "support", matching("support")],
    ["a column name", "email", matching("email")],
    ["nothing", "zzz_no_such_thing", []],
  ])("searches by %s", async (_what, query, expected) => {
    if (query !== "zzz_no_such_thing") expect(expected.length).toBeGreaterThan(0);
    const { page, errors } = await open("index.html");
    await page.fill("#search", query);
    const visible = await page.$$eval("li.dataset:not([hidden])", (lis) =>
      lis.map((li) => li.getAttribute("data-name")),
    );
    expect(visible).toEqual(expected);
    expect(await page.textContent("#search-summary")).toContain(
      `${expected.length} of ${registry.all().length}`,
    );
    await page.fill("#search", "");
    expect(await page.locator("li.dataset:not([hidden])").count()).toBe(registry.all().length);
    expect(errors).toEqual([]);
    await page.close();
  });
});
