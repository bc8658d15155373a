// Firehose's S3 destination for a stream source, as pure data checked against Firehose's documented
// constraints ("Configure Amazon S3 object name format": prefix expressions; "Configure buffering hints";
// the ExtendedS3DestinationConfiguration API: BufferingHints SizeInMBs 1-128 and IntervalInSeconds 0-900, Prefix
// and ErrorOutputPrefix at most 1024 characters, FileExtension `^$|\.[0-9a-z!\-_.*'()]+` up to 128).
import { hiveDayPrefix } from "@lake/ingest-functions";
import type { DatasetContract } from "@lake/schemas";

/** Where Firehose puts records it could not deliver: outside every `source=` table, so no crawler reads them. */
export const FIREHOSE_ERROR_ROOT = "firehose-errors/";

export interface FirehoseBuffering {
  /** MiB; Firehose's default is 5. */
  readonly sizeMiB: number;
  /** Seconds; Firehose's default is 300. */
  readonly intervalSeconds: number;
}

export interface FirehoseS3Settings {
  readonly prefix: string;
  readonly errorOutputPrefix: string;
  readonly compressionFormat: "GZIP";
  /** Replaces Firehose's extension, so it names the compression too. */
  readonly fileExtension: string;
  readonly bufferingSize: number;
  readonly bufferingInterval: number;
  readonly customTimeZone: "UTC";
}

/**
 * The day prefix of the contract's table with Firehose's timestamp expressions as values:
 * `source=<name>/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`. The timestamp is the
 * arrival time (UTC) of the oldest record of each object, and a prefix with a timestamp expression gets no
 * `yyyy/MM/dd/HH/` appended, so the objects land exactly in the hive layout without dynamic partitioning.
 */
export function firehosePrefix(contract: DatasetContract): string {
  const source = contract.source;
  if (!source || source.layout !== "hive") {
    throw new Error(
      `dataset ${contract.name}: Firehose writes the hive layout, the contract says ${source?.layout}`,
    );
  }
  return hiveDayPrefix(contract.name, {
    year: "!{timestamp:yyyy}",
    month: "!{timestamp:MM}",
    day: "!{timestamp:dd}",
  });
}

/** `firehose-errors/source=<name>/<error type>/year=.../`: errors by kind and day, never in the table. */
export function firehoseErrorPrefix(contract: DatasetContract): string {
  return `${FIREHOSE_ERROR_ROOT}source=${contract.name}/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`;
}

export function firehoseS3Settings(
  contract: DatasetContract,
  buffering: FirehoseBuffering,
): FirehoseS3Settings {
  return {
    prefix: firehosePrefix(contract),
    errorOutputPrefix: firehoseErrorPrefix(contract),
    compressionFormat: "GZIP",
    fileExtension: ".jsonl.gz",
    bufferingSize: buffering.sizeMiB,
    bufferingInterval: buffering.intervalSeconds,
    customTimeZone: "UTC",
  };
}

const EXPRESSION = /!\{([a-zA-Z]+):([^}]*)\}/g;

/** Longest error output type Firehose substitutes (`format-conversion-failed` and the like), with room to spare. */
const LONGEST_ERROR_TYPE = 32;

/**
 * The length of the prefix once Firehose evaluates it: a timestamp pattern's letters become as many digits
 * (quoted text stays), an error type at most LONGEST_ERROR_TYPE characters. Firehose refuses evaluated prefixes
 * over 512 characters.
 */
export function evaluatedPrefixLength(prefix: string): number {
  return prefix.replace(EXPRESSION, (_all, namespace: string, value: string) =>
    namespace === "timestamp" ? value.replace(/'/g, "") : "x".repeat(LONGEST_ERROR_TYPE),
  ).length;
}

/**
 * Every way the settings break what Firehose accepts for a stream without dynamic partitioning or format
 * conversion (the lake uses neither: one stream per source needs no partition key, and the records stay JSON).
 */
export function firehoseSettingsProblems(s: FirehoseS3Settings, tablePrefix: string): string[] {
  const problems: string[] = [];
  const namespaces = (text: string) => [...text.matchAll(EXPRESSION)].map((m) => `${m[1]}:${m[2]}`);
  const prefixParts = namespaces(s.prefix);
  const errorParts = namespaces(s.errorOutputPrefix);
  if (!prefixParts.some((p) => p.startsWith("timestamp:"))) {
    problems.push(
      "prefix has no !{timestamp:...}: Firehose would append yyyy/MM/dd/HH/ and leave the hive layout",
    );
  }
  if (prefixParts.some((p) => p.startsWith("partitionKeyFrom"))) {
    problems.push(
      "prefix uses a dynamic partitioning namespace, which needs dynamic partitioning (not enabled)",
    );
  }
  if (prefixParts.includes("firehose:error-output-type")) {
    problems.push("prefix may not contain !{firehose:error-output-type}");
  }
  if (!errorParts.includes("firehose:error-output-type")) {
    problems.push("errorOutputPrefix has expressions but no !{firehose:error-output-type}");
  }
  if (s.errorOutputPrefix.startsWith(tablePrefix)) {
    problems.push(
      `errorOutputPrefix is inside the table folder ${tablePrefix}: crawlers and readers would see errors`,
    );
  }
  for (const [name, value] of [
    ["prefix", s.prefix],
    ["errorOutputPrefix", s.errorOutputPrefix],
  ] as const) {
    if (value.length > 1024) problems.push(`${name} has ${value.length} characters, more than 1024`);
    if (evaluatedPrefixLength(value) > 512) {
      problems.push(`${name} evaluates to ${evaluatedPrefixLength(value)} characters, more than 512`);
    }
    if (value.replace(EXPRESSION, "").includes("!{")) problems.push(`${name} has "!{" outside an expression`);
  }
  if (!Number.isInteger(s.bufferingSize) || s.bufferingSize < 1 || s.bufferingSize > 128) {
    problems.push(`buffering size must be 1 to 128 MiB, got ${s.bufferingSize}`);
  }
  if (!Number.isInteger(s.bufferingInterval) || s.bufferingInterval < 0 || s.bufferingInterval > 900) {
    problems.push(`buffering interval must be 0 to 900 seconds, got ${s.bufferingInterval}`);
  }
  if (s.fileExtension.length > 128 || !/^(?:|\.[0-9a-z!\-_.*'()]+)$/.test(s.fileExtension)) {
    problems.push(`fileExtension "${s.fileExtension}" is not a Firehose file extension`);
  }
  return problems;
}
