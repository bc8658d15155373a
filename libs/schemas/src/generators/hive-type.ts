import type { LakeType } from "../types.js";

/** The Hive / Glue type string: `struct<a:string,b:int>`, `array<t>`, `map<string,t>`, `decimal(p,s)`, no spaces. */
export function hiveType(type: LakeType): string {
  switch (type.kind) {
    case "decimal":
      return `decimal(${type.precision},${type.scale})`;
    case "array":
      return `array<${hiveType(type.element)}>`;
    case "map":
      return `map<${hiveType(type.key)},${hiveType(type.value)}>`;
    case "struct":
      return `struct<${type.fields.map((f) => `${f.name}:${hiveType(f.type)}`).join(",")}>`;
    default:
      return type.kind;
  }
}
