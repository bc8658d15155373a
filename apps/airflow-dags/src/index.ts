import { registry } from "@lake/schemas";
import { loadAirflowConfig } from "./config.js";
import { createAirflowStack } from "./stack.js";

const outputs = createAirflowStack(loadAirflowConfig(), registry);

export const manifest = outputs.manifest;
