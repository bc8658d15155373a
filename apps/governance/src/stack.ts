import * as aws from "@pulumi/aws";
import type { DatasetRegistry } from "@lake/schemas";
import type { GovernanceConfig } from "./config.js";
import { lfTagDefinitions } from "./tags.js";

export interface GovernanceOutputs {
  /** LF-tag keys, by purpose, for the grants of downstream stacks. */
  readonly lfTagKeys: { classification: string; layer: string; domain: string };
}

export function createGovernanceStack(config: GovernanceConfig, datasets: DatasetRegistry): GovernanceOutputs {
  for (const tag of lfTagDefinitions(datasets, config.tagPrefix)) {
    new aws.lakeformation.LfTag(tag.key.replaceAll("_", "-"), { key: tag.key, values: [...tag.values] });
  }
  return {
    lfTagKeys: {
      classification: `${config.tagPrefix}_classification`,
      layer: `${config.tagPrefix}_layer`,
      domain: `${config.tagPrefix}_domain`,
    },
  };
}
