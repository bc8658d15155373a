import { describe, expect, it } from "vitest";
import {
  mwaaEnvironmentNameProblem,
  mwaaSettingsProblems,
  resolveMwaaSettings,
} from "../../src/orchestration/mwaa-settings.js";

describe("resolveMwaaSettings", () => {
  it("defaults to a small environment with two schedulers and web servers", () => {
    expect(resolveMwaaSettings()).toEqual({
      environmentClass: "mw1.small",
      minWorkers: 1,
      maxWorkers: 2,
      schedulers: 2,
      minWebservers: 2,
      maxWebservers: 2,
      logLevel: "INFO",
      weeklyMaintenanceWindowStart: undefined,
    });
  });

  it("gives mw1.micro its single scheduler and web server", () => {
    expect(resolveMwaaSettings({ environmentClass: "mw1.micro" })).toMatchObject({
      schedulers: 1,
      minWebservers: 1,
      maxWebservers: 1,
    });
  });
});

describe("mwaaSettingsProblems", () => {
  it("accepts the defaults and a full production setting", () => {
    expect(mwaaSettingsProblems(resolveMwaaSettings())).toEqual([]);
    expect(
      mwaaSettingsProblems(
        resolveMwaaSettings({
          environmentClass: "mw1.large",
          minWorkers: 2,
          maxWorkers: 10,
          schedulers: 3,
          weeklyMaintenanceWindowStart: "SUN:03:30",
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    [{ maxWorkers: 0 }, "maxWorkers must be a whole number of at least 1, got 0"],
    [{ minWorkers: 3, maxWorkers: 2 }, "maxWorkers (2) is below minWorkers (3)"],
    [{ schedulers: 6 }, "schedulers must be a whole number from 2 to 5, got 6"],
    [
      { environmentClass: "mw1.micro" as const, schedulers: 2 },
      "schedulers must be a whole number from 1 to 1, got 2",
    ],
    [{ minWebservers: 3, maxWebservers: 2 }, "maxWebservers (2) is below minWebservers (3)"],
    [{ weeklyMaintenanceWindowStart: "TUE:03:15" }, "weeklyMaintenanceWindowStart must be DAY:HH:MM"],
    [{ environmentClass: "mw1.huge" as never }, "environmentClass must be one of mw1.micro"],
  ])("%j", (settings, message) => {
    expect(mwaaSettingsProblems(resolveMwaaSettings(settings)).join("\n")).toContain(message);
  });
});

describe("mwaaEnvironmentNameProblem", () => {
  it.each(["lake-dev-airflow", "A", `a${"b".repeat(79)}`])("accepts %s", (name) => {
    expect(mwaaEnvironmentNameProblem(name)).toBeUndefined();
  });
  it.each(["1lake", "lake.dev", `a${"b".repeat(80)}`, ""])("refuses %j", (name) => {
    expect(mwaaEnvironmentNameProblem(name)).toMatch(/must start with a letter/);
  });
});
