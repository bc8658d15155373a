import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DatasetRegistry } from "@lake/schemas";
import type { GovernanceConfig } from "./config.js";
import { lfTagDefinitions } from "./tags.js";

export interface GovernanceOutputs {
  /** LF-tag keys, by purpose, for the grants of downstream stacks. */
  readonly lfTagKeys: { classification: string; layer: string; domain: string };
  /** Every LF-tag as created in the catalog: key and values. */
  readonly lfTags: pulumi.Output<{ key: string; values: string[] }[]>;
}

export function createGovernanceStack(
  config: GovernanceConfig,
  datasets: DatasetRegistry,
): GovernanceOutputs {
  const tags = lfTagDefinitions(datasets, config.tagPrefix).map(
    (tag) =>
      new aws.lakeformation.LfTag(tag.key.replaceAll("_", "-"), { key: tag.key, values: [...tag.values] }),
  );
  return {
    lfTagKeys: {
      classification: `${config.tagPrefix}_classification`,
      layer: `${config.tagPrefix}_layer`,
      domain: `${config.tagPrefix}_domain`,
    },
    lfTags: pulumi.all(
      tags.map((t) => pulumi.all([t.key, t.values]).apply(([key, values]) => ({ key, values }))),
    ),
  };
}
