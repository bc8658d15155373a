// The data catalog site (`make catalog` -> dist/catalog/): static pages generated from the registry, one per
// dataset plus an index with search and the lineage bronze -> silver -> gold drawn as SVG. No server, no external
// asset: the pages open from the file system. Each dataset page says who may read it, from the governance access
// model (`make access-model`). Pure: the registry and the access model in, file names and contents out.
import { hiveType } from "../generators/hive-type.js";
import { readersOf, type AccessModelFile, type DatasetReader } from "./access.js";
import type { DatasetRegistry } from "../registry.js";
import type { Column, DatasetContract, Rule } from "../types.js";

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

export const datasetPage = (name: string) => `datasets/${name}.html`;

/** A node of the lineage diagram: `bronze:<dataset>` is a source's landing prefix, the others are tables. */
export interface LineageNode {
  readonly id: string;
  readonly label: string;
  readonly layer: "bronze" | "silver" | "gold";
  /** The catalog page the node links to (a bronze prefix links to the table it feeds). */
  readonly page: string;
}

export interface LineageEdge {
  readonly from: string;
  readonly to: string;
}

/**
 * The lineage the registry defines: each source lands in bronze and feeds its silver table; each gold table is
 * built from the silver tables in its derivedFrom. System tables (no source, no reader) are not part of it.
 */
export function lineage(registry: DatasetRegistry): { nodes: LineageNode[]; edges: LineageEdge[] } {
  const gold = registry.byLayer("gold");
  const read = new Set(gold.flatMap((g) => g.derivedFrom));
  const silver = registry.byLayer("silver").filter((c) => c.source !== null || read.has(c.name));
  const nodes: LineageNode[] = [
    ...registry.withSource().map((c) => ({
      id: `bronze:${c.name}`,
      label: c.source!.bronzePrefix,
      layer: "bronze" as const,
      page: datasetPage(c.name),
    })),
    ...silver.map((c) => ({
      id: `silver:${c.name}`,
      label: c.name,
      layer: "silver" as const,
      page: datasetPage(c.name),
    })),
    ...gold.map((c) => ({
      id: `gold:${c.name}`,
      label: c.name,
      layer: "gold" as const,
      page: datasetPage(c.name),
    })),
  ];
  const edges = [
    ...registry.withSource().map((c) => ({ from: `bronze:${c.name}`, to: `silver:${c.name}` })),
    ...gold.flatMap((g) => g.derivedFrom.map((s) => ({ from: `silver:${s}`, to: `gold:${g.name}` }))),
  ];
  return { nodes, edges };
}

const NODE = { width: 200, height: 34, gap: 14, column: 290, margin: 20 };
const COLUMNS = { bronze: 0, silver: 1, gold: 2 } as const;

/** The lineage as an SVG whose nodes link to their pages (hrefs relative to the index). */
export function lineageSvg(graph: { nodes: readonly LineageNode[]; edges: readonly LineageEdge[] }): string {
  const position = new Map<string, { x: number; y: number }>();
  const rows = { bronze: 0, silver: 0, gold: 0 };
  for (const n of graph.nodes) {
    const row = rows[n.layer]++;
    position.set(n.id, {
      x: NODE.margin + COLUMNS[n.layer] * NODE.column,
      y: NODE.margin + 24 + row * (NODE.height + NODE.gap),
    });
  }
  const height = NODE.margin * 2 + 24 + Math.max(1, ...Object.values(rows)) * (NODE.height + NODE.gap);
  const width = NODE.margin * 2 + 2 * NODE.column + NODE.width;
  const edges = graph.edges.map((e) => {
    const [a, b] = [position.get(e.from)!, position.get(e.to)!];
    const [x1, y1, x2, y2] = [a.x + NODE.width, a.y + NODE.height / 2, b.x, b.y + NODE.height / 2];
    const mid = (x1 + x2) / 2;
    return `<path class="edge" data-from="${escape(e.from)}" data-to="${escape(e.to)}" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" marker-end="url(#arrow)"/>`;
  });
  const nodes = graph.nodes.map((n) => {
    const p = position.get(n.id)!;
    return (
      `<a href="${escape(n.page)}"><g class="node ${n.layer}" data-node="${escape(n.id)}">` +
      `<rect x="${p.x}" y="${p.y}" width="${NODE.width}" height="${NODE.height}" rx="6"/>` +
      `<text x="${p.x + 10}" y="${p.y + 22}">${escape(n.label)}</text></g></a>`
    );
  });
  const headings = (["bronze", "silver", "gold"] as const).map(
    (layer) =>
      `<text class="layer" x="${NODE.margin + COLUMNS[layer] * NODE.column}" y="${NODE.margin + 8}">${layer}</text>`,
  );
  return [
    `<svg id="lineage" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Lineage bronze to silver to gold">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
    ...headings,
    ...edges,
    ...nodes,
    `</svg>`,
  ].join("\n");
}

function page(title: string, body: string, root: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · lake catalog</title>
<link rel="stylesheet" href="${root}catalog.css">
</head>
<body>
<header><a href="${root}index.html">Lake catalog</a></header>
<main>
${body}
</main>
</body>
</html>
`;
}

function ruleDetail(rule: Rule): string {
  const { id: _id, kind: _kind, severity: _severity, ...rest } = rule as unknown as Record<string, unknown>;
  return Object.entries(rest)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join("; ");
}

function columnRow(c: Column): string {
  return (
    `<tr id="column-${escape(c.name)}"><td><code>${escape(c.name)}</code></td><td><code>${escape(hiveType(c.type))}</code></td>` +
    `<td>${c.nullable ? "yes" : "no"}</td><td class="class-${c.classification}">${c.classification}</td>` +
    `<td>${escape(c.description)}</td></tr>`
  );
}

function datasetLinks(names: readonly string[]): string {
  return names.length === 0
    ? "none"
    : names.map((n) => `<a href="${escape(n)}.html">${escape(n)}</a>`).join(", ");
}

const codes = (names: readonly string[]) => names.map((n) => `<code>${escape(n)}</code>`).join(", ");

function readersHtml(readers: readonly DatasetReader[], stack: string): string {
  const heading = `<h2 id="access">Who may read it (${escape(stack)} stack)</h2>`;
  if (readers.length === 0) return `${heading}\n<p>No persona of the ${escape(stack)} stack reads it.</p>`;
  const rows = readers.map(
    (r) =>
      `<tr class="reader" data-persona="${escape(r.persona)}" data-principal="${escape(r.principal)}">` +
      `<td>${escape(r.persona)}</td><td><code>${escape(r.principal)}</code></td>` +
      `<td>${r.hidden.length === 0 ? `all ${r.columns.length}` : `${r.columns.length} of ${r.columns.length + r.hidden.length}`}</td>` +
      `<td class="hidden-columns">${r.hidden.length === 0 ? "none" : codes(r.hidden)}</td>` +
      `<td class="row-filter">${r.rowFilter ? `<code>${escape(r.rowFilter.expression)}</code> (${escape(r.rowFilter.name)})` : "all rows"}</td></tr>`,
  );
  return `${heading}
<table class="access"><thead><tr><th>persona</th><th>principal</th><th>columns visible</th><th>columns hidden</th><th>rows</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>`;
}

function datasetHtml(
  c: DatasetContract,
  registry: DatasetRegistry,
  principals: readonly DatasetReader[],
  stack: string,
): string {
  const readers = registry
    .byLayer("gold")
    .filter((g) => g.derivedFrom.includes(c.name))
    .map((g) => g.name);
  const facts: [string, string][] = [
    ["layer", c.layer],
    ["domain", escape(c.domain)],
    ["owner", `<a href="mailto:${escape(c.owner)}">${escape(c.owner)}</a>`],
    ["table format", c.format],
    [
      "source",
      c.source
        ? `${c.source.kind}, ${c.source.format}, landing in <code>${escape(c.source.bronzePrefix)}</code>`
        : "none (written by the platform)",
    ],
    ["schedule", c.source ? `<code>${escape(c.source.schedule)}</code>` : "with its inputs"],
    ["primary key", c.primaryKey.map((k) => `<code>${escape(k)}</code>`).join(", ") || "none"],
    ["partitioned by", c.partitionKeys.map((k) => `<code>${escape(k)}</code>`).join(", ") || "none"],
    ["built from", datasetLinks(c.derivedFrom)],
    ["read by", datasetLinks(readers)],
    ["version", String(c.version)],
  ];
  const rules =
    c.rules.length === 0
      ? "<p>No quality rules beyond the column types.</p>"
      : `<table class="rules"><thead><tr><th>rule</th><th>kind</th><th>severity</th><th>check</th></tr></thead><tbody>${c.rules
          .map(
            (r) =>
              `<tr><td><code>${escape(r.id)}</code></td><td>${r.kind}</td><td>${r.severity}</td><td>${escape(ruleDetail(r))}</td></tr>`,
          )
          .join("")}</tbody></table>`;
  const body = `<h1 id="dataset">${escape(c.name)}</h1>
<p class="description">${escape(c.description)}</p>
<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>
<h2 id="columns">Columns</h2>
<table class="columns"><thead><tr><th>column</th><th>type</th><th>nullable</th><th>classification</th><th>description</th></tr></thead>
<tbody>${c.columns.map(columnRow).join("\n")}</tbody></table>
<h2 id="audit-columns">Audit columns</h2>
<table class="columns"><thead><tr><th>column</th><th>type</th><th>nullable</th><th>classification</th><th>description</th></tr></thead>
<tbody>${c.auditColumns.map(columnRow).join("\n")}</tbody></table>
<h2 id="rules">Quality rules</h2>
${rules}
${readersHtml(principals, stack)}
<p><a href="../index.html#lineage">Lineage</a></p>`;
  return page(c.name, body, "../");
}

/** What the search box filters on: each dataset with its description and column names. */
export function searchEntries(registry: DatasetRegistry) {
  return registry.all().map((c) => ({
    name: c.name,
    layer: c.layer,
    page: datasetPage(c.name),
    description: c.description,
    columns: [...c.columns, ...c.auditColumns].map((col) => col.name),
  }));
}

function indexHtml(registry: DatasetRegistry): string {
  const items = registry
    .all()
    .map(
      (c) =>
        `<li class="dataset" data-name="${escape(c.name)}"><a href="${datasetPage(c.name)}">${escape(c.name)}</a> ` +
        `<span class="layer ${c.layer}">${c.layer}</span> <span class="owner">${escape(c.owner)}</span>` +
        `<p>${escape(c.description)}</p><p class="matches"></p></li>`,
    )
    .join("\n");
  const body = `<h1>Datasets</h1>
<label for="search">Search datasets and columns</label>
<input id="search" type="search" placeholder="dataset or column, e.g. email" autocomplete="off">
<p id="search-summary" aria-live="polite">${registry.all().length} datasets</p>
<ul id="datasets">
${items}
</ul>
<h2 id="lineage-heading">Lineage</h2>
${lineageSvg(lineage(registry))}
<script src="catalog-data.js"></script>
<script src="catalog.js"></script>`;
  return page("Datasets", body, "");
}

const CSS = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330}
header{background:#1d2330;padding:10px 24px}header a{color:#fff;text-decoration:none;font-weight:600}
main{padding:16px 24px;max-width:1100px}
table{border-collapse:collapse;margin:8px 0 20px;width:100%}th,td{border-bottom:1px solid #dde1e8;padding:4px 8px;text-align:left;vertical-align:top}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{font-weight:600}
#search{width:100%;max-width:480px;padding:6px 8px;font-size:15px;margin:4px 0}
#datasets{list-style:none;padding:0}#datasets li{border-bottom:1px solid #eef0f4;padding:6px 0}#datasets li p{margin:2px 0}
.layer{font-size:12px;padding:1px 6px;border-radius:8px;background:#eef0f4}
.owner{color:#5b6475;font-size:13px}.matches{color:#5b6475;font-size:13px}
.class-pii{color:#a3161a;font-weight:600}.hidden-columns code{color:#a3161a}.class-confidential{color:#8a5a00}
svg .edge{fill:none;stroke:#6b7489;stroke-width:1.5}svg marker path{fill:#6b7489}
svg .node rect{stroke:#1d2330;stroke-width:1}svg .node text{font:13px system-ui,sans-serif}
svg .bronze rect{fill:#f3dfc9}svg .silver rect{fill:#e4e8ef}svg .gold rect{fill:#f7e7a6}svg text.layer{font:600 13px system-ui,sans-serif}
`;

const SCRIPT = `// Filters the dataset list by dataset or column name.
(function () {
  var entries = window.LAKE_CATALOG;
  var input = document.getElementById("search");
  var summary = document.getElementById("search-summary");
  function update() {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    entries.forEach(function (e) {
      var li = document.querySelector('li.dataset[data-name="' + e.name + '"]');
      var columns = q ? e.columns.filter(function (c) { return c.toLowerCase().indexOf(q) >= 0; }) : [];
      var hit = !q || e.name.toLowerCase().indexOf(q) >= 0 || columns.length > 0;
      li.hidden = !hit;
      li.querySelector(".matches").textContent = columns.length ? "columns: " + columns.join(", ") : "";
      if (hit) shown++;
    });
    summary.textContent = q ? shown + " of " + entries.length + " datasets match \\u201c" + input.value.trim() + "\\u201d" : entries.length + " datasets";
  }
  input.addEventListener("input", update);
  update();
})();
`;

/** Every file of the catalog site, by path relative to its folder; `access` is the access model read from `accessFile`. */
export function catalogFiles(
  registry: DatasetRegistry,
  access: AccessModelFile,
  accessFile: string,
): Record<string, string> {
  const files: Record<string, string> = {
    "index.html": indexHtml(registry),
    "catalog.css": CSS,
    "catalog.js": SCRIPT,
    "catalog-data.js": `window.LAKE_CATALOG = ${JSON.stringify(searchEntries(registry), null, 2)};\n`,
  };
  for (const c of registry.all()) {
    files[datasetPage(c.name)] = datasetHtml(c, registry, readersOf(access, c, accessFile), access.stack);
  }
  return files;
}
