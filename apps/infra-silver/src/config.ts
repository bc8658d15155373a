import * as pulumi from "@pulumi/pulumi";
import {
  AWS_REGION_KEY,
  glueJobFields,
  layerStackFields,
  parseStackConfig,
  readStackConfig,
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

/** Validates the stack's configuration; the error names the stack, the file and each bad key. */
export function parseSilverConfig(raw: Record<string, unknown>, stack: string): SilverConfig {
  return parseStackConfig(silverConfigSchema, raw, {
    project: "infra-silver",
    stack,
    foreignKeys: AWS_REGION_KEY,
  });
}

export function loadSilverConfig(): SilverConfig {
  return parseSilverConfig(readStackConfig(AWS_REGION_KEY), pulumi.getStack());
}
