import { describe, expect, it } from "vitest";
import { validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { runPolicies, runResourcePolicies, runStackPolicies } from "../src/evaluate.js";
import { resourcePolicy, stackPolicy } from "../src/policy.js";
import { resource, UNKNOWN } from "./helpers.js";

const queueNamed = resourcePolicy({
  name: "queue-named",
  description: "queues have a name",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.sqs.Queue, (queue, args, report) => {
      if (queue.fifoQueue) args.notApplicable("FIFO queues are out of scope");
      const { suffix } = args.getConfig<{ suffix?: string }>();
      if (!queue.name) report("has no name");
      else if (suffix && !queue.name.endsWith(suffix)) report(`name does not end with ${suffix}`);
    }),
  ],
});

const oneQueue = stackPolicy({
  name: "one-queue",
  description: "at most one queue per stack",
  enforcementLevel: "advisory",
  nagIds: [],
  reads: [aws.sqs.Queue],
  validateStack: (args, report) => {
    const queues = args.resources.filter((r) => r.isType(aws.sqs.Queue));
    if (queues.length > 1) report(`${queues.length} queues`);
    const parent = queues[0]?.parent?.name;
    if (parent && parent !== "component") report("unexpected parent");
  },
});

const queue = (name: string, props: Record<string, unknown>) => resource("aws:sqs/queue:Queue", name, props);

describe("runResourcePolicies", () => {
  it("reports at the policy's level with the resource's URN", async () => {
    expect(await runResourcePolicies([queueNamed], queue("q", {}))).toEqual([
      {
        policy: "queue-named",
        level: "mandatory",
        urn: queue("q", {}).urn,
        message: "has no name",
        undecided: false,
      },
    ]);
  });

  it("skips resources of other types without calling the validation", async () => {
    expect(await runResourcePolicies([queueNamed], resource("aws:sns/topic:Topic", "t", {}))).toEqual([]);
  });

  it("ends quietly when the policy says it does not apply", async () => {
    expect(await runResourcePolicies([queueNamed], queue("q", { fifoQueue: true }))).toEqual([]);
  });

  it("turns a read of an unknown value into an advisory that it cannot decide", async () => {
    const [finding] = await runResourcePolicies([queueNamed], queue("q", { name: UNKNOWN }));
    expect(finding).toMatchObject({ level: "advisory", undecided: true });
    expect(finding?.message).toBe(
      "cannot decide during preview: string value at .name can't be known during preview",
    );
  });

  it("finds unknown values at any depth", async () => {
    const nested = resourcePolicy({
      ...queueNamed,
      name: "nested",
      validateResource: [
        validateResourceOfType(aws.sqs.Queue, (q, _args, report) => {
          if ((q.tags ?? {})["owner"] === undefined) report("no owner tag");
        }),
      ],
    });
    const [finding] = await runResourcePolicies([nested], queue("q", { tags: { owner: UNKNOWN } }));
    expect(finding?.message).toMatch(/at \.tags\.owner can't be known/);
  });

  it.each([
    [
      "an override to advisory",
      { "queue-named": "advisory" as const },
      [expect.objectContaining({ level: "advisory" })],
    ],
    ["disabling", { "queue-named": { enforcementLevel: "disabled" as const } }, []],
    [
      "remediate, reported as mandatory",
      { "queue-named": "remediate" as const },
      [expect.objectContaining({ level: "mandatory" })],
    ],
  ])("follows the pack config: %s", async (_what, config, expected) => {
    expect(await runResourcePolicies([queueNamed], queue("q", {}), config)).toEqual(expected);
  });

  it("hands a policy its settings without the enforcement level", async () => {
    const config = { "queue-named": { enforcementLevel: "mandatory" as const, suffix: "-events" } };
    const findings = await runResourcePolicies([queueNamed], queue("q", { name: "lake-dlq" }), config);
    expect(findings.map((f) => f.message)).toEqual(["name does not end with -events"]);
  });
});

describe("runStackPolicies", () => {
  const component = resource("lake:storage:Queues", "component", {});
  const child = { ...queue("a", { name: "a" }), parent: component.urn };

  it("hands every resource, with its parent resolved", async () => {
    expect(await runStackPolicies([oneQueue], [component, child])).toEqual([]);
    const findings = await runStackPolicies([oneQueue], [component, child, queue("b", { name: "b" })]);
    expect(findings).toEqual([
      { policy: "one-queue", level: "advisory", urn: "", message: "2 queues", undecided: false },
    ]);
  });

  it("does not run on a stack without the types it reads", async () => {
    expect(await runStackPolicies([oneQueue], [component])).toEqual([]);
  });
});

describe("runPolicies", () => {
  it("runs the resource policies on each resource, then the stack policies", async () => {
    const findings = await runPolicies([queueNamed, oneQueue], [queue("a", {}), queue("b", {})]);
    expect(findings.map((f) => `${f.policy}: ${f.message}`)).toEqual([
      "queue-named: has no name",
      "queue-named: has no name",
      "one-queue: 2 queues",
    ]);
  });
});
