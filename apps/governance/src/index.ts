import { registry } from "@lake/schemas";
import { governanceConfig } from "./config.js";
import { createGovernanceStack } from "./stack.js";

const outputs = createGovernanceStack(governanceConfig.load(), registry);

export const lfTagKeys = outputs.lfTagKeys;
export const lfTags = outputs.lfTags;
