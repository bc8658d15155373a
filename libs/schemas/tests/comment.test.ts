import { describe, expect, it } from "vitest";
import { GLUE_COMMENT_MAX, glueComment } from "../src/index.js";

const cases: [string, string, number][] = [
  ["short ASCII text stays as is", "Customer id.", 12],
  ["exactly the limit stays as is", "x".repeat(255), 255],
  ["long ASCII text is cut with an ellipsis", "y".repeat(300), 255],
  ["an emoji (surrogate pair) at the cut is not split", `${"a".repeat(253)}😀😀😀`, 254],
  ["a combining accent stays with its letter", `${"b".repeat(253)}e\u0301xyz`, 254],
  ["a family emoji (ZWJ sequence) is kept whole or dropped whole", `${"c".repeat(250)}👨‍👩‍👧‍👦 tail`, 251],
];

describe("glueComment", () => {
  it.each(cases)("%s", (_label, text, expectedLength) => {
    const comment = glueComment(text);
    expect(comment.length).toBe(expectedLength);
    expect(comment.length).toBeLessThanOrEqual(GLUE_COMMENT_MAX);
    // Valid UTF-16: no lone surrogate survives the cut.
    expect(comment).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    if (text.length <= GLUE_COMMENT_MAX) expect(comment).toBe(text);
    else expect(comment.endsWith("…")).toBe(true);
    // What is kept is a prefix of the original, cut between grapheme clusters.
    const kept = comment.endsWith("…") ? comment.slice(0, -1) : comment;
    expect(text.startsWith(kept)).toBe(true);
    expect(text.slice(kept.length)).not.toMatch(/^[\u0300-\u036f\u200d\udc00-\udfff]/);
  });
});
