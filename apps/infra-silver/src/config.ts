import {
  AWS_REGION_KEY,
  glueJobFields,
  layerStackFields,
  stackConfig,
  stackReferenceSchema,
} from "@lake/stacks";
import { z } from "zod";

export const silverConfigSchema = z.strictObject({
  ...layerStackFields,
  /** The bronze stack whose key, log bucket, bronze bucket and database this stack reads. */
  bronzeStack: stackReferenceSchema,
  /** Glue settings of the bronze -> silver and quality jobs. */
  ...glueJobFields,
});

export type SilverConfig = z.output<typeof silverConfigSchema>;

/** The stack's config: `load()` in the program, `parse`/`parseConfig` in tests (errors name stack, file, key). */
export const silverConfig = stackConfig(silverConfigSchema, {
  project: "infra-silver",
  foreignKeys: AWS_REGION_KEY,
});
