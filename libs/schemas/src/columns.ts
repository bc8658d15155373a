// Column helpers for the lake types zod has no schema of its own for. Each helper returns an ordinary zod schema
// (so parsing and z.toJSONSchema keep working) and records the intended lake type in a private registry.
// Registries in zod 4 follow a schema's clones, so `.meta()`, `.describe()` and checks keep the marker.
import { z } from "zod";

export type HelperType =
  | { readonly kind: "decimal"; readonly precision: unknown; readonly scale: unknown }
  | { readonly kind: "bigint" | "smallint" | "tinyint" | "float" };

const helperTypes = z.registry<{ lakeType: HelperType }>();

function mark<T extends z.ZodType>(schema: T, lakeType: HelperType): T {
  helperTypes.add(schema, { lakeType });
  return schema;
}

/** The lake type a column helper attached to `schema` (or to the schema it was cloned from), if any. */
export function helperTypeOf(schema: z.ZodType): HelperType | undefined {
  return helperTypes.get(schema)?.lakeType;
}

function isDecimalSpec(precision: unknown, scale: unknown): precision is number {
  return (
    Number.isInteger(precision) &&
    Number.isInteger(scale) &&
    (scale as number) >= 0 &&
    (precision as number) >= 1 &&
    (precision as number) <= 38 &&
    (scale as number) <= (precision as number)
  );
}

export const col = {
  /**
   * `decimal(p,s)`: p digits in total, s after the point (1 ≤ p ≤ 38, 0 ≤ s ≤ p). Values are numbers in JSON
   * sources and text in CSV; the jobs cast them exactly. Invalid p/s are reported by `defineDataset`.
   */
  decimal(precision: number, scale: number) {
    const base = z.number();
    // The bound lets z.toJSONSchema tell consumers how large a value may be; skipped when p/s are invalid
    // because validation will reject the contract anyway.
    const bounded = isDecimalSpec(precision, scale)
      ? base.gt(-(10 ** (precision - scale))).lt(10 ** (precision - scale))
      : base;
    return mark(bounded, { kind: "decimal", precision, scale });
  },
  /** 64-bit integer; values beyond ±2^53 are not representable in JSON numbers, hence the safe-integer check. */
  bigint() {
    return mark(z.int(), { kind: "bigint" });
  },
  /** 16-bit integer. Iceberg has no such type: not allowed in Iceberg tables. */
  smallint() {
    return mark(z.int().min(-32768).max(32767), { kind: "smallint" });
  },
  /** 8-bit integer. Iceberg has no such type: not allowed in Iceberg tables. */
  tinyint() {
    return mark(z.int().min(-128).max(127), { kind: "tinyint" });
  },
  /** 32-bit floating point. */
  float() {
    return mark(z.number(), { kind: "float" });
  },
};
