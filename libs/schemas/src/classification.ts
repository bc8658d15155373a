// How sensitive each value of a column is, in one place. A contract classifies a column, and may classify the
// fields of a struct column on their own (an address whose street and zip are pii and whose city, state and
// country are not). Two views come from that, and every generator, job and access model takes them from here:
// - per leaf: what the jobs mask and standardize, and what a reader with access to the leaf sees;
// - per column: what services that only know top-level columns see (Lake Formation column grants and LF-tags on
//   columns): the most sensitive leaf, so a struct with one pii field is pii there.
import type { Classification, Leaf, LakeType, Mask, Standardize, StructField } from "./types.js";

/** From least to most sensitive. */
const SENSITIVITY: readonly Classification[] = ["public", "confidential", "pii"];

/** The more sensitive of two classifications. */
export function mostSensitive(a: Classification, b: Classification): Classification {
  return SENSITIVITY.indexOf(a) >= SENSITIVITY.indexOf(b) ? a : b;
}

/** The mask of a pii value that declares none: strings are hashed (joins still work), the rest set to null. */
export function defaultMask(type: LakeType): Mask {
  return type.kind === "string" ? "hash" : "redact";
}

/** What a column or a field declared, before inheritance. */
export interface DeclaredValue {
  readonly type: LakeType;
  readonly nullable: boolean;
  readonly classification: Classification | null;
  readonly standardize: Standardize | null;
  readonly mask: Mask | null;
}

function leavesBelow(path: readonly string[], value: DeclaredValue, inherited: Classification): Leaf[] {
  const classification = value.classification ?? inherited;
  if (value.type.kind === "struct") {
    return value.type.fields.flatMap((field: StructField) =>
      leavesBelow([...path, field.name], field, classification),
    );
  }
  return [
    {
      path,
      type: value.type,
      nullable: value.nullable,
      classification,
      standardize: value.standardize,
      mask: classification === "pii" ? (value.mask ?? defaultMask(value.type)) : value.mask,
    },
  ];
}

/** The leaves of a column named `name` with its declared classification (public when it declares none). */
export function columnLeaves(name: string, value: DeclaredValue): Leaf[] {
  return leavesBelow([name], value, "public");
}

/** How a service that only knows top-level columns must treat the column: its most sensitive leaf. */
export function columnClassification(leaves: readonly Leaf[]): Classification {
  return leaves.reduce<Classification>((most, leaf) => mostSensitive(most, leaf.classification), "public");
}

/** The leaves of `leaves` classified pii, as dotted paths (`address.street`). */
export function piiLeafPaths(leaves: readonly Leaf[]): string[] {
  return leaves.filter((l) => l.classification === "pii").map((l) => l.path.join("."));
}
