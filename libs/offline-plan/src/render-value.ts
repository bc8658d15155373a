import { createHash } from "node:crypto";
import { SECRET, UNKNOWN, type PlanValue } from "./model.js";

// The wire format of the Pulumi engine protocol (see @pulumi/pulumi runtime/rpc): special objects carry this key.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SIG_SECRET = "1b47061264138c4ac30d75fd1eb44270";
const SIG_ASSET = "c44067f5952c0a294b673a41bacd8c17";
const SIG_ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";
const SIG_RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_OUTPUT = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const UNKNOWN_WIRE_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Strings longer than this (an inlined zip, a bundled script) are shown as their digest: the plan stays readable
 * and a change of content still shows up in a diff.
 */
export const MAX_INLINE_STRING = 16 * 1024;

export function digestString(value: string): string {
  const sha = createHash("sha256").update(value).digest("hex");
  return `[sha256:${sha} length:${value.length}]`;
}

/**
 * Turns a property value as serialized for the engine into plain JSON for a plan: secrets become `[secret]`,
 * unknowns `[unknown]`, resource references their URN, assets and archives a small description, object keys sorted.
 */
export function renderWireValue(value: unknown): PlanValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    if (value === UNKNOWN_WIRE_VALUE) return UNKNOWN;
    return value.length > MAX_INLINE_STRING ? digestString(value) : value;
  }
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(renderWireValue);
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    switch (record[SIG_KEY]) {
      case undefined:
        return renderObject(record);
      case SIG_SECRET:
        return SECRET;
      case SIG_RESOURCE:
        return renderWireValue(record["urn"]);
      case SIG_OUTPUT:
        if (record["secret"] === true) return SECRET;
        return "value" in record ? renderWireValue(record["value"]) : UNKNOWN;
      case SIG_ASSET:
        return { asset: describeAssetOrArchive(record) };
      case SIG_ARCHIVE:
        return { archive: describeAssetOrArchive(record) };
      default:
        return renderObject(record);
    }
  }
  throw new Error(`cannot render a value of type ${typeof value} in a plan`);
}

function renderObject(record: Record<string, unknown>): PlanValue {
  const out: Record<string, PlanValue> = {};
  for (const key of Object.keys(record).sort()) {
    if (key === SIG_KEY || record[key] === undefined) continue;
    out[key] = renderWireValue(record[key]);
  }
  return out;
}

function describeAssetOrArchive(record: Record<string, unknown>): PlanValue {
  if (typeof record["path"] === "string") return { path: record["path"] };
  if (typeof record["uri"] === "string") return { uri: record["uri"] };
  if (typeof record["text"] === "string") return { text: digestString(record["text"]) };
  if (record["assets"] && typeof record["assets"] === "object") {
    const assets = record["assets"] as Record<string, unknown>;
    return { assets: renderObject(Object.fromEntries(Object.keys(assets).map((k) => [k, assets[k]]))) };
  }
  return renderObject(record);
}

/** Sorts object keys recursively so that `JSON.stringify` of a plan is byte-identical for equal plans. */
export function sortKeysDeep(value: PlanValue): PlanValue {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, PlanValue>;
    const out: Record<string, PlanValue> = {};
    for (const key of Object.keys(record).sort()) out[key] = sortKeysDeep(record[key] as PlanValue);
    return out;
  }
  return value;
}
