// The governance stack's program: `pulumi up` here, or `make plan` offline (after the silver and gold plans).
import { registry } from "@lake/schemas";
import { governanceConfig } from "./config.js";
import { createGovernanceStack } from "./stack.js";

export const {
  lfTagKeys,
  lfTags,
  principals,
  databases,
  registeredLocations,
  personaRoles,
  athenaWorkgroups,
} = createGovernanceStack(governanceConfig.load(), registry);
