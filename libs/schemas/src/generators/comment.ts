import { GLUE_COMMENT_MAX } from "../validate/names.js";

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
const ELLIPSIS = "…";

/**
 * Fits `text` into a Glue comment. Glue counts UTF-16 code units, so the cut is measured in those, and it is
 * made between grapheme clusters: a surrogate pair, a combining accent or an emoji sequence is never split.
 */
export function glueComment(text: string, max: number = GLUE_COMMENT_MAX): string {
  if (text.length <= max) return text;
  let out = "";
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length + ELLIPSIS.length > max) break;
    out += segment;
  }
  return out + ELLIPSIS;
}
