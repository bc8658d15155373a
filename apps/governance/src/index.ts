import { registry } from "@lake/schemas";
import { loadGovernanceConfig } from "./config.js";
import { createGovernanceStack } from "./stack.js";

const outputs = createGovernanceStack(loadGovernanceConfig(), registry);

export const lfTagKeys = outputs.lfTagKeys;
export const lfTags = outputs.lfTags;
