import type { DatasetRegistry } from "@lake/schemas";

export interface LfTagDefinition {
  readonly key: string;
  readonly values: readonly string[];
}

const classifications = ["confidential", "pii", "public"] as const;
const layers = ["bronze", "gold", "silver"] as const;

/**
 * The LF-tags the lake's grants are written against: classification (from each column's contract), layer, and
 * domain (every domain a contract names). Values are sorted so the plan does not change with registry order.
 */
export function lfTagDefinitions(registry: DatasetRegistry, prefix: string): LfTagDefinition[] {
  const domains = [...new Set(registry.all().map((c) => c.domain))].sort();
  return [
    { key: `${prefix}_classification`, values: [...classifications] },
    { key: `${prefix}_layer`, values: [...layers] },
    { key: `${prefix}_domain`, values: domains },
  ];
}
