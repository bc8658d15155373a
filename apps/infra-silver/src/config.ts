import {
  AWS_REGION_KEY,
  glueJobFields,
  layerStackFields,
  stackConfig,
  stackReferenceSchema,
} from "@lake/lake-components";
import { z } from "zod";

export const silverConfigSchema = z.strictObject({
  ...layerStackFields,
  /** The bronze stack whose key, log bucket, bronze bucket and database this stack reads. */
  bronzeStack: stackReferenceSchema,
  /** Glue settings of the bronze -> silver and quality jobs. */
  ...glueJobFields,
});

export type SilverConfig = z.output<typeof silverConfigSchema>;

const silverConfig = stackConfig(silverConfigSchema, {
  project: "infra-silver",
  foreignKeys: AWS_REGION_KEY,
});

/** Validates a configuration (a stack file's, in tests); the error names the stack, the file and each bad key. */
export const parseSilverConfig = silverConfig.parse;

/** The configuration `pulumi up` (or the offline plan) passes to this program, validated. */
export const loadSilverConfig = silverConfig.load;
