import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import {
  accessModel,
  AccessModelError,
  pipelineScopes,
  tableKey,
  type PersonaSpec,
} from "../../src/governance/access-model.js";

const analyst: PersonaSpec = {
  name: "analyst",
  principal: { kind: "arn", arn: "arn:aws:iam::123456789012:role/analyst" },
  layers: ["gold"],
  classifications: ["public", "confidential"],
  rowFilters: [],
};
const regional: PersonaSpec = {
  ...analyst,
  name: "regional_analyst",
  rowFilters: [{ name: "us", table: "gold.customer_360", expression: "country = 'US'" }],
};
const engineer: PersonaSpec = {
  name: "data_engineer",
  principal: { kind: "arn", arn: "arn:aws:iam::123456789012:role/engineer" },
  layers: ["silver", "gold"],
  classifications: ["pii", "confidential", "public"],
  rowFilters: [],
};
const pipeline: PersonaSpec = { ...engineer, name: "pipeline", principal: { kind: "pipeline" }, layers: [] };

const columnsOf = (name: string) => {
  const c = registry.get(name);
  return [...c.columns, ...c.auditColumns];
};

describe("accessModel", () => {
  const model = accessModel(registry, [analyst, regional, engineer, pipeline]);
  const of = (persona: string) => model.filter((m) => m.persona === persona);

  it("shows the analyst every gold table without a pii column, on every row", () => {
    const [access] = of("analyst");
    expect(access!.tables.map(tableKey)).toEqual(registry.byLayer("gold").map((c) => `gold.${c.name}`));
    const c360 = access!.tables.find((t) => t.dataset === "customer_360")!;
    expect(c360.columns.map((c) => c.name)).toEqual(
      columnsOf("customer_360")
        .filter((c) => c.classification !== "pii")
        .map((c) => c.name),
    );
    expect(c360.hidden.map((c) => c.name)).toEqual(expect.arrayContaining(["email", "phone", "full_name"]));
    expect(c360.rowFilter).toBeNull();
    expect(c360.permissions).toEqual(["DESCRIBE", "SELECT"]);
  });

  it("gives the regional analyst the same columns and only its country's rows", () => {
    const [access] = of("regional_analyst");
    const c360 = access!.tables.find((t) => t.dataset === "customer_360")!;
    expect(c360.columns).toEqual(of("analyst")[0]!.tables.find((t) => t.dataset === "customer_360")!.columns);
    expect(c360.rowFilter).toEqual({
      name: "regional_analyst_us",
      expression: "country = 'US'",
      spark: "`country` = 'US'",
    });
  });

  it("shows the data engineer every column of every silver and gold table", () => {
    const [access] = of("data_engineer");
    expect(access!.tables.length).toBe(registry.all().length);
    for (const t of access!.tables) {
      expect(t.hidden).toEqual([]);
      expect(t.columns.map((c) => c.name)).toEqual(columnsOf(t.dataset).map((c) => c.name));
    }
  });

  it("hides a struct column holding one pii field, as a whole", () => {
    const silverAnalyst = accessModel(registry, [{ ...analyst, layers: ["silver"] }])[0]!;
    const customers = silverAnalyst.tables.find((t) => t.dataset === "customers")!;
    expect(customers.hidden.map((c) => c.name)).toContain("address");
    expect(customers.columns.map((c) => c.name)).not.toContain("address");
  });

  it("gives each pipeline job its own role, reading and writing exactly its tables", () => {
    const jobs = of("pipeline");
    expect(jobs.length).toBe(pipelineScopes(registry).length);
    const b2s = jobs.find(
      (j) =>
        j.principal.kind === "job-role" &&
        j.principal.job === "bronze_to_silver" &&
        j.principal.dataset === "customers",
    )!;
    expect(b2s.tables.map((t) => [tableKey(t), t.permissions.includes("INSERT")])).toEqual([
      ["silver.customers", true],
      ["silver.quarantine", true],
    ]);
    // The Glue Data Quality evaluation of a source reads what its quality job reads, and writes nothing.
    const dq = jobs.find(
      (j) =>
        j.principal.kind === "job-role" &&
        j.principal.job === "data_quality" &&
        j.principal.dataset === "support_tickets",
    )!;
    expect(dq.tables.map((t) => [tableKey(t), t.permissions])).toEqual([
      ["silver.customers", ["DESCRIBE", "SELECT"]],
      ["silver.support_tickets", ["DESCRIBE", "SELECT"]],
    ]);
    const s2g = jobs.find((j) => j.principal.kind === "job-role" && j.principal.job === "silver_to_gold")!;
    const reads = s2g.tables.filter((t) => !t.permissions.includes("INSERT")).map(tableKey);
    expect(reads).toEqual(
      registry
        .get("customer_360")
        .derivedFrom.map((d) => `silver.${d}`)
        .sort(),
    );
  });

  it("gives a persona that is not configured nothing", () => {
    expect(model.some((m) => m.persona === "intern")).toBe(false);
    expect(accessModel(registry, [])).toEqual([]);
  });
});

describe("accessModel refuses a bad persona or filter, naming persona, table and column", () => {
  it.each([
    [
      { ...regional, rowFilters: [{ name: "us", table: "gold.customer_360", expression: "contry = 'US'" }] },
      "persona regional_analyst, table gold.customer_360: row filter us: column contry is not a column of gold.customer_360",
    ],
    [
      {
        ...regional,
        rowFilters: [{ name: "mail", table: "gold.customer_360", expression: "email = 'a@b.c'" }],
      },
      "persona regional_analyst, table gold.customer_360: row filter mail reads column email (pii), which the persona must not see",
    ],
    [
      {
        ...regional,
        rowFilters: [{ name: "us", table: "gold.customer_360", expression: "upper(country) = 'US'" }],
      },
      /table gold.customer_360: row filter us: functions are not allowed/,
    ],
    [
      { ...regional, rowFilters: [{ name: "us", table: "gold.nope", expression: "country = 'US'" }] },
      /persona regional_analyst, table gold.nope: row filter us: no such table/,
    ],
    [
      { ...regional, rowFilters: [{ name: "us", table: "silver.customers", expression: "status = 'x'" }] },
      /table silver.customers: row filter us: the persona reads no silver table/,
    ],
    [{ ...analyst, classifications: [] }, "persona analyst: sees no classification: give it at least public"],
    [
      { ...pipeline, rowFilters: regional.rowFilters },
      "persona pipeline: the pipeline's jobs read every row: it takes no row filter",
    ],
  ])("%#", (persona, message) => {
    expect(() => accessModel(registry, [persona as PersonaSpec])).toThrow(AccessModelError);
    expect(() => accessModel(registry, [persona as PersonaSpec])).toThrow(message);
  });

  it("refuses two personas of one name", () => {
    expect(() => accessModel(registry, [analyst, analyst])).toThrow(
      "persona analyst: two personas have this name",
    );
  });
});
