import { describe, expect, it } from "vitest";
import { MAX_INLINE_STRING, renderWireValue, sortKeysDeep } from "../src/render-value.js";

const SIG = "4dabf18193072939515e22adb298388d";

describe("renderWireValue", () => {
  it.each([
    ["a plain string", "abc", "abc"],
    ["a number", 3, 3],
    ["null", null, null],
    ["the unknown sentinel", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "[unknown]"],
    ["a secret", { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" }, "[secret]"],
    ["a resource reference", { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:x", id: "i" }, "urn:x"],
    [
      "a secret output value",
      { [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: "v", secret: true },
      "[secret]",
    ],
    ["an unknown output value", { [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4" }, "[unknown]"],
    [
      "a file asset",
      { [SIG]: "c44067f5952c0a294b673a41bacd8c17", path: "a.zip" },
      { asset: { path: "a.zip" } },
    ],
    [
      "nested secrets in arrays",
      [{ a: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: 1 } }],
      [{ a: "[secret]" }],
    ],
  ])("renders %s", (_what, wire, expected) => {
    expect(renderWireValue(wire)).toEqual(expected);
  });

  it("sorts object keys and drops undefined members", () => {
    const rendered = renderWireValue({ b: 1, a: { d: 2, c: undefined } });
    expect(JSON.stringify(rendered)).toBe('{"a":{"d":2},"b":1}');
  });

  it("shows a string longer than the inline limit as its digest, which changes with the content", () => {
    const long = "x".repeat(MAX_INLINE_STRING + 1);
    const rendered = renderWireValue(long) as string;
    expect(rendered).toMatch(/^\[sha256:[0-9a-f]{64} length:16385\]$/);
    expect(renderWireValue(`${long}y`)).not.toBe(rendered);
  });
});

describe("sortKeysDeep", () => {
  it("orders keys at every depth and keeps array order", () => {
    const sorted = sortKeysDeep({ z: [{ y: 1, x: 2 }], a: 1 });
    expect(JSON.stringify(sorted)).toBe('{"a":1,"z":[{"x":2,"y":1}]}');
  });
});
