import { stackHarness } from "@lake/pulumi-mocks";
import { AWS_REGION_KEY, projectValues } from "@lake/stacks";
import { describe, expect, it } from "vitest";
import { airflowConfig } from "../src/config.js";

const harness = stackHarness(new URL("..", import.meta.url));
const stackFileConfig = (stack: string) =>
  projectValues(harness.config(stack), "airflow-dags", AWS_REGION_KEY);
const parse = airflowConfig.parse;

describe("airflow-dags config", () => {
  it.each(["dev", "prod"])("parses the committed Pulumi.%s.yaml", (stack) => {
    const config = parse(stackFileConfig(stack), stack);
    expect(config).toMatchObject({
      environment: stack,
      namePrefix: `lake-${stack}`,
      bronzeStack: `organization/infra-bronze/${stack}`,
      silverStack: `organization/infra-silver/${stack}`,
      goldStack: `organization/infra-gold/${stack}`,
      retries: 2,
      network: { cidrBlock: "10.192.0.0/16" },
    });
  });

  it("defaults the task settings and the network", () => {
    const config = parse(
      {
        region: "eu-west-1",
        environment: "dev",
        namePrefix: "lake-dev",
        bronzeStack: "o/infra-bronze/dev",
        silverStack: "o/infra-silver/dev",
        goldStack: "o/infra-gold/dev",
        schedule: "0 2 * * *",
      },
      "dev",
    );
    expect(config).toMatchObject({
      owner: "data-platform",
      startDate: "2024-01-01",
      retries: 2,
      retryDelayMinutes: 5,
      maxRetryDelayMinutes: 60,
      crawlTimeoutMinutes: 60,
      jobTimeoutMinutes: 180,
      mwaa: {},
      network: { cidrBlock: "10.192.0.0/16" },
      flowLogRetentionDays: 365,
    });
  });

  it("takes an existing VPC's two subnets and security groups", () => {
    const network = { vpcId: "vpc-0abc", subnetIds: ["subnet-01", "subnet-02"], securityGroupIds: ["sg-01"] };
    expect(parse({ ...stackFileConfig("dev"), network: JSON.stringify(network) }, "dev").network).toEqual(
      network,
    );
  });

  it.each([
    [{ schedule: "daily" }, "five-field cron", "schedule"],
    [{ retries: "1" }, "Too small", "retries"],
    [
      { retryDelayMinutes: "30", maxRetryDelayMinutes: "10" },
      "at least retryDelayMinutes",
      "maxRetryDelayMinutes",
    ],
    [{ mwaa: JSON.stringify({ environmentClass: "mw1.huge" }) }, "Invalid option", "mwaa.environmentClass"],
    [
      {
        network: JSON.stringify({ vpcId: "vpc-0abc", subnetIds: ["subnet-01"], securityGroupIds: ["sg-1"] }),
      },
      "",
      "network",
    ],
    [{ goldStack: "infra-gold" }, "<organization>/<project>/<stack>", "goldStack"],
  ])("rejects %j naming the stack, the file and the key", (override, message, key) => {
    let error: Error | undefined;
    try {
      parse({ ...stackFileConfig("dev"), ...override }, "dev");
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain('airflow-dags stack "dev": invalid configuration in Pulumi.dev.yaml');
    expect(error?.message).toContain(message);
    expect(error?.message).toContain(`→ at ${key}`);
  });
});
