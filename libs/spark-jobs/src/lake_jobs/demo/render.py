"""The demo report as text for the terminal (pure: a dict in, lines out)."""

from __future__ import annotations

from typing import Any

CHANGE_COLUMNS = ["tableRowsBefore", "inserts", "updates", "deletes", "superseded", "unchanged"]


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    cells = [[str(h) for h in headers], *[["" if v is None else str(v) for v in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  " + "  ".join("-" * w for w in widths))
    return lines


def render(report: dict[str, Any]) -> str:
    out = [f"Lake demo report: run date {report['runDate']}, snapshot {report['snapshotDate']}", ""]
    out.append("Bronze -> silver (per dataset)")
    rows = []
    for name, d in sorted(report["datasets"].items()):
        reasons = ", ".join(f"{k} {v}" for k, v in d["quarantinedByReason"].items()) or "-"
        check = "ok" if d["reconciles"] and d["matchesGenerator"] else "MISMATCH"
        rows.append(
            [
                name,
                d["kind"],
                d["landed"],
                d["rowsRead"],
                d["rowsWritten"],
                d["rowsQuarantined"],
                d["duplicatesRemoved"],
                check,
                reasons,
            ]
        )
    headers = ["dataset", "kind", "landed as", "read", "written", "quarantined", "duplicates", "adds up"]
    out += _table([*headers, "by reason"], rows)

    changes = [
        [name, label, *[f["changes"][k] for k in CHANGE_COLUMNS], f["rowsQuarantined"], f["rowsWritten"]]
        for name, d in sorted(report["datasets"].items())
        if "changes" in d
        for label, f in (("initial load", d.get("initialLoad")), (report["runDate"], d))
        if f is not None
    ]
    if changes:
        out += ["", "Change data capture: each day's changes applied to the table's current state"]
        out += _table(["dataset", "day", *CHANGE_COLUMNS, "quarantined", "rows after"], changes)

    # Rules of severity warning keep their rows: what broke them is counted, per rule, not quarantined.
    out += ["", "Warning rules (rows written, counted per rule)"]
    rows = [
        [name, rule, count]
        for name, d in sorted(report["datasets"].items())
        for rule, count in d["warningsByRule"].items()
    ]
    out += _table(["dataset", "rule", "rows"], rows) if rows else ["  (no warning rule)"]

    out += ["", "Quality"]
    rows = [
        [name, f"{q['passed']}/{q['rulesEvaluated']}", ", ".join(q["failedBlocking"]) or "-",
         ", ".join(q["warningsFailed"]) or "-"]
        for name, q in sorted(report["quality"].items())
    ]  # fmt: skip
    out += _table(["dataset", "passed", "blocking failures", "warnings"], rows)

    gold = report["gold"]
    out += ["", f"Gold {gold['table']}: {gold['rowsWritten']} rows for {report['snapshotDate']}"]
    out += _table(["segment", "customers"], [[k, v] for k, v in gold["segments"].items()])
    snapshots = ", ".join(f"{k}: {v}" for k, v in gold["snapshotsInTable"].items())
    out.append(f"  snapshots in the table: {snapshots}")

    for title, key in (
        ("VIP and High Value customers", "top_segments"),
        ("Customer summary by segment and churn risk", "customer_summary"),
    ):
        result = report["queries"][key]
        out += ["", title]
        if result:
            out += _table(list(result[0]), [list(r.values()) for r in result])
        else:
            out.append("  (no rows)")

    personas = report["personas"]
    out += [
        "",
        "Persona views of gold.customer_360 (the governance access model, as Lake Formation grants it)",
    ]
    out += _table(
        ["persona", "rows", "columns", "hidden", "row filter"],
        [
            [name, p["rows"], len(p["columns"]), ", ".join(p["hidden"]) or "-", p["rowFilter"] or "every row"]
            for name, p in personas.items()
        ],
    )

    out += ["", "Where the files are"]
    out += [f"  {k}: {v}" for k, v in report["files"].items()]
    out += ["", "Result: " + ("OK" if report["ok"] else "PROBLEMS (see MISMATCH or blocking failures above)")]
    return "\n".join(out)
