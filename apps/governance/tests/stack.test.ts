import {
  accessModel,
  dataCellsFilterShapeProblems,
  effectiveAccess,
  expectedAccess,
  grantShapeProblems,
  LF_TYPES,
  wildcardGrantsIn,
} from "@lake/lake-components";
import { evaluateOnce, stackHarness, type Evaluation, type Registration } from "@lake/pulumi-mocks";
import { registry } from "@lake/schemas";
import { testUpstreamOutputs } from "@lake/stacks";
import { describe, expect, it } from "vitest";
import { personaAccess, renderAccess, type GovernancePlan } from "../src/access-report.js";
import { governanceConfig, personaSpecs, type GovernanceConfig } from "../src/config.js";
import { principalRefLabel } from "../src/principal-ref.js";
import { createGovernanceStack, type GovernanceOutputs } from "../src/stack.js";

const harness = stackHarness(new URL("..", import.meta.url));
type Governance = Evaluation<GovernanceOutputs>;
const evaluations = new Map<string, Governance>();

function evaluate(stack: "dev" | "prod", override: Partial<GovernanceConfig> = {}): Promise<Governance> {
  return evaluateOnce(evaluations, `${stack}${JSON.stringify(override)}`, () =>
    harness.evaluate(stack, () => createGovernanceStack({ ...config(stack), ...override }, registry), {
      upstream: testUpstreamOutputs(stack),
    }),
  );
}
const config = (stack: string) => governanceConfig.parseConfig(harness.config(stack), stack);
const ofType = (resources: readonly Registration[], type: string) => resources.filter((r) => r.type === type);
const asPlan = (e: Governance): GovernancePlan => ({
  resources: e.resources.map((r) => ({ type: r.type, inputs: r.inputs })),
  outputs: e.resolved,
});
type Principal = { persona: string; ref: string; principal: string };

describe.each(["dev", "prod"] as const)("governance stack (%s)", (stack) => {
  it("sets every data lake settings field, with no IAM_ALLOWED_PRINCIPALS defaults", async () => {
    const { resources } = await evaluate(stack);
    const [settings, ...more] = ofType(resources, "aws:lakeformation/dataLakeSettings:DataLakeSettings");
    expect(more).toEqual([]);
    expect(settings!.inputs).toEqual({
      catalogId: "123456789012",
      admins: [`arn:aws:iam::123456789012:role/lake-${stack}-data-lake-admin`],
      readOnlyAdmins: [],
      createDatabaseDefaultPermissions: [],
      createTableDefaultPermissions: [],
      trustedResourceOwners: [],
      allowExternalDataFiltering: false,
      externalDataFilteringAllowLists: [],
      authorizedSessionTagValueLists: [],
      allowFullTableExternalDataAccess: false,
      parameters: { CROSS_ACCOUNT_VERSION: "4" },
    });
  });

  it("registers the silver and gold buckets with a dedicated role scoped to them and the lake key", async () => {
    const { resources, resolved } = await evaluate(stack);
    const registered = ofType(resources, "aws:lakeformation/resource:Resource");
    expect(registered.map((r) => r.inputs["arn"]).sort()).toEqual([
      `arn:aws:s3:::lake-${stack}-gold`,
      `arn:aws:s3:::lake-${stack}-silver`,
    ]);
    const role = ofType(resources, "aws:iam/role:Role").find((r) =>
      String(r.inputs["assumeRolePolicy"]).includes("lakeformation.amazonaws.com"),
    )!;
    for (const r of registered) {
      expect(r.inputs).toMatchObject({
        roleArn: role.state["arn"],
        useServiceLinkedRole: false,
        hybridAccessEnabled: false,
      });
    }
    const policy = ofType(resources, "aws:iam/rolePolicy:RolePolicy").find(
      (p) => p.inputs["role"] === role.id,
    )!;
    const resourcesOfPolicy = (
      JSON.parse(String(policy.inputs["policy"])) as { Statement: { Resource: string[] }[] }
    ).Statement.flatMap((s) => s.Resource);
    expect(new Set(resourcesOfPolicy)).toEqual(
      new Set([
        `arn:aws:s3:::lake-${stack}-silver`,
        `arn:aws:s3:::lake-${stack}-silver/*`,
        `arn:aws:s3:::lake-${stack}-gold`,
        `arn:aws:s3:::lake-${stack}-gold/*`,
        "arn:aws:kms:eu-west-1:123456789012:key/lake-key",
      ]),
    );
    expect(Object.keys(resolved.registeredLocations as object).sort()).toEqual(["gold", "silver"]);
  });

  it("tags every pii and confidential column by name, tables with domain, databases with layer", async () => {
    const { resources } = await evaluate(stack);
    const tagged = ofType(resources, LF_TYPES.resourceLfTags);
    for (const contract of registry.all()) {
      for (const column of [...contract.columns, ...contract.auditColumns]) {
        if (column.classification === "public") continue;
        const assignment = tagged.find((t) => {
          const twc = t.inputs["tableWithColumns"] as { name: string; columnNames: string[] } | undefined;
          return twc?.name === contract.name && twc.columnNames.includes(column.name);
        });
        expect(assignment?.inputs["lfTags"], `${contract.name}.${column.name}`).toEqual([
          { key: "lake_classification", value: column.classification, catalogId: "123456789012" },
        ]);
      }
      const table = tagged.find(
        (t) => (t.inputs["table"] as { name?: string } | undefined)?.name === contract.name,
      );
      expect(table?.inputs["lfTags"]).toEqual(
        expect.arrayContaining([expect.objectContaining({ key: "lake_domain", value: contract.domain })]),
      );
    }
    const databases = tagged.filter((t) => t.inputs["database"]).map((t) => t.inputs["lfTags"]);
    expect(databases).toHaveLength(2);
    // The column wildcard cannot be tagged (AddLFTagsToResource refuses it): every column assignment names columns.
    for (const t of tagged.filter((x) => x.inputs["tableWithColumns"])) {
      expect((t.inputs["tableWithColumns"] as { columnNames: string[] }).columnNames.length).toBeGreaterThan(
        0,
      );
    }
  });

  it("makes every grant and data cells filter in a shape the Lake Formation APIs accept", async () => {
    const { resources } = await evaluate(stack);
    const grants = ofType(resources, LF_TYPES.permissions);
    expect(grants.length).toBeGreaterThan(0);
    for (const g of grants) expect(grantShapeProblems(g.inputs), g.name).toEqual([]);
    const filters = ofType(resources, LF_TYPES.dataCellsFilter);
    expect(filters).toHaveLength(1);
    for (const f of filters) {
      expect(dataCellsFilterShapeProblems(f.inputs["tableData"] as Record<string, unknown>), f.name).toEqual(
        [],
      );
    }
  });

  it("grants exactly the access the model computes, principal by principal and table by table", async () => {
    const evaluation = await evaluate(stack);
    const principals = evaluation.resolved.principals as Principal[];
    const model = accessModel(registry, personaSpecs(config(stack)));
    const planned = effectiveAccess(evaluation.resources, registry, { silver: "silver", gold: "gold" });
    expect(principals).toHaveLength(model.length);
    for (const entry of model) {
      const deployed = principals.find(
        (p) => p.persona === entry.persona && p.ref === principalRefLabel(entry.principal),
      )!;
      expect(planned.get(deployed.principal), `${entry.persona} ${deployed.ref}`).toEqual(
        expectedAccess(entry),
      );
    }
    // Nobody else has a grant that reads anything.
    expect([...planned.keys()].sort()).toEqual([...new Set(principals.map((p) => p.principal))].sort());
  });

  it("shows analyst and BI no pii column anywhere, and the regional analyst only US rows of customer_360", async () => {
    const plan = asPlan(await evaluate(stack));
    for (const persona of ["analyst", "bi"]) {
      const tables = personaAccess(plan, registry, persona);
      expect(tables.map((t) => t.table)).toContain("gold.customer_360");
      for (const t of tables) {
        expect(
          t.columns.filter((c) => c.classification === "pii"),
          `${persona} ${t.table}`,
        ).toEqual([]);
        expect(t.rowFilter).toBeNull();
      }
    }
    const regional = personaAccess(plan, registry, "regional_analyst").find(
      (t) => t.table === "gold.customer_360",
    )!;
    expect(regional.rowFilter).toBe("(country = 'US')");
    expect(regional.columns.filter((c) => c.classification === "pii")).toEqual([]);
    const engineer = personaAccess(plan, registry, "data_engineer");
    expect(engineer.length).toBe(registry.all().length);
    expect(engineer.find((t) => t.table === "gold.customer_360")!.columns.map((c) => c.name)).toContain(
      "email",
    );
    expect(personaAccess(plan, registry, "intern")).toEqual([]);
    expect(renderAccess(plan, registry, "intern")).toMatch(
      /intern: nothing visible; it is not a persona of this plan/,
    );
  });

  it("renders the analyst's customer_360 as `make access` prints it, without a pii column", async () => {
    const text = renderAccess(asPlan(await evaluate(stack)), registry, "analyst", "gold.customer_360");
    expect(text).toMatch(
      /^analyst on gold.customer_360\n\ngold.customer_360 {2}\(arn:aws:iam::123456789012:role\/lake-\w+-analyst\)/,
    );
    expect(text).toContain("rows: every row");
    expect(text).toMatch(/country\s+public/);
    expect(text).not.toMatch(/\bpii\b/);
    expect(text).not.toMatch(/\bemail\b/);
  });

  it("creates the SageMaker and QuickSight roles and gives each pipeline job role its own grants", async () => {
    const { resolved, resources } = await evaluate(stack);
    expect(Object.keys(resolved.personaRoles as object).sort()).toEqual(["bi", "data_scientist"]);
    const trusts = ofType(resources, "aws:iam/role:Role").map((r) => String(r.inputs["assumeRolePolicy"]));
    expect(trusts.some((t) => t.includes("sagemaker.amazonaws.com"))).toBe(true);
    expect(trusts.some((t) => t.includes("quicksight.amazonaws.com"))).toBe(true);
    expect(wildcardGrantsIn(resources)).toEqual([]);
    const jobs = (resolved.principals as Principal[]).filter((p) => p.persona === "pipeline");
    expect(jobs.map((j) => j.principal)).toContain(
      `arn:aws:iam::123456789012:role/lake-${stack}-s2g-customer-360-role`,
    );
  });

  it("gives each persona that asks one its own Athena workgroup: enforced, KMS-encrypted, with its scan limit", async () => {
    const { resolved, resources } = await evaluate(stack);
    const expected = config(stack).personas.filter((p) => p.athena);
    expect(Object.keys(resolved.athenaWorkgroups as object).sort()).toEqual(
      expected.map((p) => p.name).sort(),
    );
    const workgroups = ofType(resources, "aws:athena/workgroup:Workgroup");
    for (const persona of expected) {
      const wg = workgroups.find(
        (w) => w.inputs["name"] === `lake-${stack}-${persona.name.replaceAll("_", "-")}`,
      )!;
      expect(wg.inputs["configuration"]).toMatchObject({
        enforceWorkgroupConfiguration: true,
        bytesScannedCutoffPerQuery: persona.athena!.bytesScannedCutoffPerQuery,
        resultConfiguration: {
          encryptionConfiguration: {
            encryptionOption: "SSE_KMS",
            kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/lake-key",
          },
        },
      });
    }
  });
});

describe("governance stack options", () => {
  it("registers with the service-linked role and hybrid access when asked", async () => {
    const { resources } = await evaluate("dev", { registrationRole: "service-linked", hybridAccess: true });
    for (const r of ofType(resources, "aws:lakeformation/resource:Resource")) {
      expect(r.inputs).toMatchObject({ useServiceLinkedRole: true, hybridAccessEnabled: true });
      expect(r.inputs["roleArn"]).toBeUndefined();
    }
    const trusts = ofType(resources, "aws:iam/role:Role").map((r) => String(r.inputs["assumeRolePolicy"]));
    expect(trusts.some((t) => t.includes("lakeformation.amazonaws.com"))).toBe(false);
  });

  it("shares gold without pii with a consumer account, at the configured cross-account version", async () => {
    const evaluation = await evaluate("dev", {
      crossAccountSharing: { enabled: true, consumerAccountId: "210987654321" },
      crossAccountVersion: 3,
    });
    const [settings] = ofType(evaluation.resources, "aws:lakeformation/dataLakeSettings:DataLakeSettings");
    expect(settings!.inputs["parameters"]).toEqual({ CROSS_ACCOUNT_VERSION: "3" });
    const shared = personaAccess(asPlan(evaluation), registry, "consumer_account");
    expect(shared.map((t) => t.principal)).toEqual(shared.map(() => "210987654321"));
    expect(shared.map((t) => t.table)).toEqual(registry.byLayer("gold").map((c) => `gold.${c.name}`));
    for (const t of shared) expect(t.columns.some((c) => c.classification === "pii")).toBe(false);
  });

  it("shares nothing across accounts by default", async () => {
    const { resources } = await evaluate("dev");
    const principals = ofType(resources, LF_TYPES.permissions).map((g) => String(g.inputs["principal"]));
    expect(principals.filter((p) => /^\d{12}$/.test(p))).toEqual([]);
  });

  it("refuses a bad row filter before creating anything, naming persona, table and column", async () => {
    const personas = config("dev").personas.map((p) =>
      p.name === "regional_analyst"
        ? { ...p, rowFilters: [{ name: "us_only", table: "gold.customer_360", expression: "contry = 'US'" }] }
        : p,
    );
    await expect(evaluate("dev", { personas })).rejects.toThrow(
      "persona regional_analyst, table gold.customer_360: row filter us_only: column contry is not a column of gold.customer_360",
    );
  });
});
