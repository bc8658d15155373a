// Names and locations, as pure functions. Pulumi child resources are named `${name}-<part>` by the
// components themselves; this module covers the names AWS sees and the S3 keys the components write.

export const LAKE_LAYERS = ["bronze", "silver", "gold"] as const;
export type LakeLayer = (typeof LAKE_LAYERS)[number];

/** Glue/Athena identifiers: lowercase letters, digits and underscores, starting with a letter, ≤ 255 chars. */
const GLUE_NAME = /^[a-z][a-z0-9_]{0,254}$/;

export function isGlueName(name: string): boolean {
  return GLUE_NAME.test(name);
}

/**
 * Joins parts into one Glue database or table name: lowercased, with every run of other characters turned
 * into one underscore (`"Acme-Prod", "silver"` -> `acme_prod_silver`). Throws when nothing usable is left.
 */
export function glueName(...parts: string[]): string {
  const name = parts
    .map((p) =>
      p
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/^_+|_+$/g, ""),
    )
    .filter((p) => p !== "")
    .join("_");
  if (!isGlueName(name)) {
    throw new Error(
      `cannot make a Glue name from [${parts.map((p) => JSON.stringify(p)).join(", ")}]: got "${name}", ` +
        "which must start with a letter and be at most 255 lowercase letters, digits or underscores",
    );
  }
  return name;
}

/** Joins key parts with single slashes, without a leading slash (`"a/", "/b"` -> `a/b`). */
export function s3Key(...parts: string[]): string {
  return parts
    .map((p) => p.replace(/^\/+|\/+$/g, ""))
    .filter((p) => p !== "")
    .join("/");
}

/** A key prefix ending in exactly one slash, or "" for the bucket root. */
export function s3Prefix(...parts: string[]): string {
  const key = s3Key(...parts);
  return key === "" ? "" : `${key}/`;
}

/** `s3://bucket/prefix/`: the folder form Glue, Athena and Spark expect for table and crawl locations. */
export function s3FolderUri(bucket: string, ...parts: string[]): string {
  return `s3://${bucket}/${s3Prefix(...parts)}`;
}

/** `s3://bucket/key`: one object. */
export function s3ObjectUri(bucket: string, key: string): string {
  return `s3://${bucket}/${s3Key(key)}`;
}
