// What a production stack protects: its data (buckets, keys) and the catalog that describes it, never the
// replaceable resources around them (jobs, roles, crawlers, content-addressed objects), which each deployment
// may replace. Every layer stack takes its settings from `dataProtection` and its tests check the result with
// `dataProtectionProblems`.

/** How a stack's data resources are created: the options and the bucket arguments that go together. */
export interface DataProtection {
  /** Resource options of buckets, keys and catalog resources (none of the replaceable ones). */
  readonly options: { readonly protect: boolean };
  /** Bucket (and key) arguments: kept in AWS when deleted in production, emptied on destroy elsewhere. */
  readonly args: { readonly retainOnDelete: boolean; readonly forceDestroy: boolean };
}

/** Protected and retained in production (`protectData`), destroyable elsewhere. */
export function dataProtection(protectData: boolean): DataProtection {
  return {
    options: { protect: protectData },
    args: { retainOnDelete: protectData, forceDestroy: !protectData },
  };
}

/** What the check reads of a registered resource (a mocked evaluation's registration fits). */
export interface ProtectedResource {
  readonly type: string;
  readonly name: string;
  readonly protect: boolean;
}

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
  resources: readonly ProtectedResource[],
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
