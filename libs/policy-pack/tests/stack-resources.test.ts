import { describe, expect, it } from "vitest";
import type { PolicyResource } from "@pulumi/policy";
import { functionNameOf, isNamed, trailingName } from "../src/stack-resources.js";

const named = (name: string, props: Record<string, unknown>) =>
  ({ name, props }) as unknown as PolicyResource;

describe("isNamed", () => {
  it.each([
    ["the explicit name", named("q", { name: "queue-1" }), "queue-1", true],
    ["not the logical name when a name is set", named("q", { name: "queue-1" }), "q-0a1b2c3", false],
    ["Pulumi's auto-name", named("events", {}), "events-0a1b2c3", true],
    ["an auto-name of a longer logical name", named("events", {}), "events-dlq-0a1b2c3", false],
    ["a suffix that is not 7 hex characters", named("events", {}), "events-0a1b2c", false],
    ["a name from the prefix", named("b", { namePrefix: "lake-" }), "lake-20261201", true],
    ["nothing", named("b", {}), undefined, false],
  ])("%s", (_what, resource, reference, expected) => {
    expect(isNamed(resource, reference)).toBe(expected);
  });
});

describe("references", () => {
  it.each([
    ["arn:aws:sqs:eu-west-1:1:events", "events"],
    ["https://sqs.eu-west-1.amazonaws.com/1/events/", "events"],
    ["", undefined],
  ])("trailingName(%s)", (reference, name) => expect(trailingName(reference)).toBe(name));

  it.each([
    ["arn:aws:lambda:eu-west-1:1:function:puller:live", "puller"],
    ["puller", "puller"],
  ])("functionNameOf(%s)", (reference, name) => expect(functionNameOf(reference)).toBe(name));
});
