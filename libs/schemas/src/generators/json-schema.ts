import { z } from "zod";
import type { DatasetContract } from "../types.js";

/** JSON Schema (draft 2020-12) of one source record: zod's own conversion of the business columns. */
export function jsonSchema(c: DatasetContract): Record<string, unknown> {
  return z.toJSONSchema(c.schema, { target: "draft-2020-12" });
}
