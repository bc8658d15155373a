// What a production stack protects: its data (buckets, keys) and the catalog that describes it, never the
// replaceable resources around them (jobs, roles, crawlers, content-addressed objects), which each deployment
// may replace.
import type { Registered } from "./mocks.js";

/** The Glue catalog resources a layer's tables live in. */
export const CATALOG_TYPES: readonly string[] = [
  "aws:glue/catalogDatabase:CatalogDatabase",
  "aws:glue/catalogTable:CatalogTable",
];

/**
 * Each way `resources` break "protect the catalog, and nothing replaceable": a protected resource of
 * `replaceableTypes`, an unprotected catalog resource, or no resource of either kind at all (so a check over an
 * empty evaluation cannot pass). [] when the stack is right.
 */
export function dataProtectionProblems(
  resources: readonly Registered[],
  replaceableTypes: readonly string[],
): string[] {
  const replaceable = resources.filter((r) => replaceableTypes.includes(r.type));
  const catalog = resources.filter((r) => CATALOG_TYPES.includes(r.type));
  return [
    ...(replaceable.length === 0
      ? [`no resource of the replaceable types ${replaceableTypes.join(", ")}`]
      : []),
    ...(catalog.length === 0 ? ["no Glue database or table"] : []),
    ...replaceable.filter((r) => r.protect).map((r) => `${r.type} ${r.name} is protected, but replaceable`),
    ...catalog.filter((r) => !r.protect).map((r) => `${r.type} ${r.name} holds data, but is not protected`),
  ];
}
