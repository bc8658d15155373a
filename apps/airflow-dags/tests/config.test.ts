import { describe, expect, it } from "vitest";
import { airflowConfig } from "../src/config.js";

const parseAirflowConfig = airflowConfig.parse;

describe("parseAirflowConfig", () => {
  it("accepts a stack's config", () => {
    expect(parseAirflowConfig({ environment: "prod", schedule: "0 2 * * *" }, "prod")).toEqual({
      environment: "prod",
      schedule: "0 2 * * *",
    });
  });

  it.each([
    [{ environment: "prod", schedule: "daily" }, /five-field cron[\s\S]*schedule/],
    [{ schedule: "0 2 * * *" }, /environment/],
  ])("rejects %j naming the key", (raw, message) => {
    expect(() => parseAirflowConfig(raw, "dev")).toThrow(
      `airflow-dags stack "dev": invalid configuration in Pulumi.dev.yaml (keys are "airflow-dags:<key>")`,
    );
    expect(() => parseAirflowConfig(raw, "dev")).toThrow(message);
  });
});
