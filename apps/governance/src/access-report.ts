// "Who can read what", read back from a governance plan: the plan's Lake Formation resources evaluated
// (`effectiveAccess`), resolved to personas through the plan's `principals` output, with each column's
// classification from the contracts. What `make access` prints and what the plan tests compare with the model.
import { effectiveAccess, type EffectiveTable, type PlannedResource } from "@lake/lake-components";
import type { Classification, DatasetRegistry, Layer } from "@lake/schemas";
import type { DeployedPrincipal } from "./stack.js";

/** The parts of a plan file (`dist/plan/governance.<stack>.json`) the report reads. */
export interface GovernancePlan {
  readonly resources: readonly PlannedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface PersonaTable {
  /** The principal's ARN or account. */
  readonly principal: string;
  /** Which principal of the persona (`arn`, `role:<service>`, `job:<job>:<dataset>`). */
  readonly ref: string;
  /** `<layer>.<dataset>`. */
  readonly table: string;
  readonly columns: readonly { readonly name: string; readonly classification: Classification }[];
  readonly rowFilter: string | null;
}

function outputOf<T>(plan: GovernancePlan, name: string): T {
  const value = plan.outputs[name];
  if (value === undefined) throw new Error(`the governance plan has no output ${name}: re-run make plan`);
  return value as T;
}

/** Every table each principal of `persona` reads in `plan`; [] for a persona with no grant. */
export function personaAccess(
  plan: GovernancePlan,
  registry: DatasetRegistry,
  persona: string,
): PersonaTable[] {
  const principals = outputOf<DeployedPrincipal[]>(plan, "principals").filter((p) => p.persona === persona);
  const access = effectiveAccess(
    plan.resources,
    registry,
    outputOf<Record<Layer, string>>(plan, "databases"),
  );
  return principals.flatMap((p) =>
    [...(access.get(p.principal) ?? new Map<string, EffectiveTable>())].map(([table, t]) => {
      const [layer, dataset] = table.split(".") as [Layer, string];
      const contract = registry.all().find((c) => c.layer === layer && c.name === dataset)!;
      const classes = new Map(
        [...contract.columns, ...contract.auditColumns].map((c) => [c.name, c.classification]),
      );
      return {
        principal: p.principal,
        ref: p.ref,
        table,
        columns: t.columns.map((name) => ({ name, classification: classes.get(name)! })),
        rowFilter: t.rowFilter,
      };
    }),
  );
}

/** The personas of the plan, in its order. */
export function planPersonas(plan: GovernancePlan): string[] {
  return [...new Set(outputOf<DeployedPrincipal[]>(plan, "principals").map((p) => p.persona))];
}

/** The report `make access` prints: per principal and table, the columns with their classification and the row filter. */
export function renderAccess(
  plan: GovernancePlan,
  registry: DatasetRegistry,
  persona: string,
  table?: string,
): string {
  const personas = planPersonas(plan);
  const rows = personaAccess(plan, registry, persona).filter((t) => table === undefined || t.table === table);
  const header = `${persona}${table ? ` on ${table}` : ""}`;
  if (rows.length === 0) {
    const known = personas.includes(persona)
      ? "it has no grant on it"
      : `it is not a persona of this plan (personas: ${personas.join(", ")}): no grant, nothing visible`;
    return `${header}: nothing visible; ${known}`;
  }
  const lines = [header];
  for (const r of rows) {
    lines.push("", `${r.table}  (${r.ref === "arn" ? r.principal : `${r.ref} ${r.principal}`})`);
    lines.push(`  rows: ${r.rowFilter ?? "every row"}`);
    lines.push(`  columns (${r.columns.length}):`);
    const width = Math.max(...r.columns.map((c) => c.name.length));
    for (const c of r.columns) lines.push(`    ${c.name.padEnd(width)}  ${c.classification}`);
  }
  return lines.join("\n");
}
