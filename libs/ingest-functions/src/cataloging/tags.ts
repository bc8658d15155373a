// Object tags the cataloging function records, merged into the object's own: PutObjectTagging replaces the whole
// set, so the function reads the set first and writes it back with its tags added. S3 allows 10 tags per object,
// keys of at most 128 and values of at most 256 characters (S3 user guide, "Categorizing your storage using tags").
import type { HiveKey } from "../layout.js";

export const MAX_OBJECT_TAGS = 10;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** What the lake records of a bronze object: its source and its arrival day. */
export function lakeTags(key: HiveKey): Tag[] {
  return [
    { Key: "lake:source", Value: key.source },
    { Key: "lake:ingest-date", Value: key.date },
  ];
}

export interface TagMerge {
  /** The set to write: the object's tags in their order, the lake's updated in place or appended. */
  readonly tags: readonly Tag[];
  /** False when the set already holds every lake tag with its value: nothing to write. */
  readonly changed: boolean;
  /** Lake tags left out, with why: no room left among the 10, or longer than S3 accepts. */
  readonly dropped: readonly { readonly tag: Tag; readonly reason: string }[];
}

/**
 * The object's tags with the lake's merged in. An existing tag is never removed or changed unless it is one of
 * the lake's; a lake tag that does not fit is dropped (and reported) rather than displacing the owner's.
 */
export function mergeTags(existing: readonly Tag[], wanted: readonly Tag[]): TagMerge {
  const tags = existing.map((t) => ({ ...t }));
  const dropped: { tag: Tag; reason: string }[] = [];
  let changed = false;
  for (const tag of wanted) {
    // S3 counts characters as UTF-16 code units, as JavaScript strings do.
    if (tag.Key.length > MAX_TAG_KEY_LENGTH || tag.Value.length > MAX_TAG_VALUE_LENGTH) {
      dropped.push({
        tag,
        reason: `longer than S3's ${MAX_TAG_KEY_LENGTH}-character key or ${MAX_TAG_VALUE_LENGTH}-character value`,
      });
      continue;
    }
    const same = tags.find((t) => t.Key === tag.Key);
    if (same) {
      if (same.Value !== tag.Value) {
        same.Value = tag.Value;
        changed = true;
      }
    } else if (tags.length < MAX_OBJECT_TAGS) {
      tags.push({ ...tag });
      changed = true;
    } else {
      dropped.push({ tag, reason: `the object already has ${MAX_OBJECT_TAGS} tags, S3's limit` });
    }
  }
  return { tags, changed, dropped };
}
