// The ingestion config checked against the registry: every stream, cdc and api source is configured for its own
// kind (stream sources may rely on the defaults), and nothing is configured for a dataset that is not such a
// source (a typo must not pass silently).
import type { DatasetRegistry } from "@lake/schemas";
import type { IngestionConfig } from "./config.js";

export function ingestionConfigProblems(ingestion: IngestionConfig, datasets: DatasetRegistry): string[] {
  const sources = new Map(datasets.withSource().map((c) => [c.name, c]));
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(ingestion)) {
    const contract = sources.get(name);
    const kind = Object.keys(entry)[0];
    if (!contract?.source) {
      problems.push(`ingestion.${name}: no source dataset is named ${name}`);
    } else if (contract.source.kind !== kind) {
      problems.push(
        `ingestion.${name}.${kind}: ${name} is a ${contract.source.kind} source` +
          (contract.source.kind === "file"
            ? ", which needs no ingestion config"
            : `; configure ingestion.${name}.${contract.source.kind}`),
      );
    }
  }
  for (const contract of sources.values()) {
    const kind = contract.source?.kind;
    if ((kind === "cdc" || kind === "api") && ingestion[contract.name]?.[kind] === undefined) {
      problems.push(
        `ingestion.${contract.name}.${kind} is missing: the ${kind} source ${contract.name} needs it`,
      );
    }
  }
  return problems;
}

/** Throws one error listing every problem, naming the stack's config key. */
export function checkIngestionConfig(ingestion: IngestionConfig, datasets: DatasetRegistry): void {
  const problems = ingestionConfigProblems(ingestion, datasets);
  if (problems.length > 0) {
    throw new Error(
      `infra-bronze: invalid infra-bronze:ingestion config:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
}
