import type { DatasetRegistry } from "@lake/schemas";
import type { AirflowConfig } from "./config.js";
import { orchestrationManifest, type OrchestrationManifest } from "./manifest.js";

export interface AirflowOutputs {
  /** The orchestration manifest the DAG factory reads. */
  readonly manifest: OrchestrationManifest;
}

export function createAirflowStack(config: AirflowConfig, datasets: DatasetRegistry): AirflowOutputs {
  return { manifest: orchestrationManifest(datasets, config.schedule) };
}
