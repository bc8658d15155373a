import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import {
  evaluatedPrefixLength,
  firehoseErrorPrefix,
  firehosePrefix,
  firehoseS3Settings,
  firehoseSettingsProblems,
  type FirehoseS3Settings,
} from "../../src/ingest/firehose-settings.js";

const webEvents = registry.get("web_events");
const settings = firehoseS3Settings(webEvents, { sizeMiB: 64, intervalSeconds: 300 });

describe("Firehose S3 settings of a stream source", () => {
  it("write exactly the hive layout of the source, from Firehose's arrival timestamp", () => {
    expect(firehosePrefix(webEvents)).toBe(
      "source=web_events/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
    );
    expect(firehoseErrorPrefix(webEvents)).toBe(
      "firehose-errors/source=web_events/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
    );
    expect(settings).toEqual({
      prefix: firehosePrefix(webEvents),
      errorOutputPrefix: firehoseErrorPrefix(webEvents),
      compressionFormat: "GZIP",
      fileExtension: ".jsonl.gz",
      bufferingSize: 64,
      bufferingInterval: 300,
      customTimeZone: "UTC",
    });
    expect(firehoseSettingsProblems(settings, "source=web_events/")).toEqual([]);
  });

  it("refuses a contract in another layout", () => {
    expect(() => firehosePrefix(registry.get("transactions"))).toThrow(/Firehose writes the hive layout/);
  });

  const broken = (change: Partial<FirehoseS3Settings>) =>
    firehoseSettingsProblems({ ...settings, ...change }, "source=web_events/");

  it.each([
    [{ prefix: "source=web_events/" }, /no !\{timestamp:...\}: Firehose would append yyyy\/MM\/dd\/HH\//],
    [
      { prefix: "source=!{partitionKeyFromQuery:source}/year=!{timestamp:yyyy}/" },
      /dynamic partitioning namespace, which needs dynamic partitioning/,
    ],
    [
      { prefix: "source=web_events/!{firehose:error-output-type}/!{timestamp:yyyy}/" },
      /prefix may not contain !\{firehose:error-output-type\}/,
    ],
    [{ errorOutputPrefix: "errors/!{timestamp:yyyy}/" }, /no !\{firehose:error-output-type\}/],
    [
      { errorOutputPrefix: "source=web_events/!{firehose:error-output-type}/" },
      /inside the table folder source=web_events\//,
    ],
    [{ prefix: "source=web_events/!{timestamp:yyyy}/!{oops" }, /"!\{" outside an expression/],
    [
      { prefix: `source=${"x".repeat(520)}/!{timestamp:yyyy}/` },
      /evaluates to \d+ characters, more than 512/,
    ],
    [{ bufferingSize: 0 }, /buffering size must be 1 to 128 MiB/],
    [{ bufferingSize: 129 }, /buffering size must be 1 to 128 MiB/],
    [{ bufferingInterval: 901 }, /buffering interval must be 0 to 900 seconds/],
    [{ fileExtension: "jsonl" }, /not a Firehose file extension/],
    [{ fileExtension: ".JSON" }, /not a Firehose file extension/],
  ])("refuses %j", (change, message) => {
    expect(broken(change).join("; ")).toMatch(message);
  });

  it("counts the evaluated length of timestamp patterns and error types", () => {
    expect(evaluatedPrefixLength("year=!{timestamp:yyyy}/")).toBe("year=yyyy/".length);
    expect(evaluatedPrefixLength("!{timestamp:'y='yyyy}")).toBe("y=yyyy".length);
    expect(evaluatedPrefixLength("e/!{firehose:error-output-type}/")).toBe("e//".length + 32);
  });
});
