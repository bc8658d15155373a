import { registry } from "@lake/schemas";
import { airflowConfig } from "./config.js";
import { createAirflowStack } from "./stack.js";

const outputs = createAirflowStack(airflowConfig.load(), registry);

export const manifest = outputs.manifest;
