import {
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverPulumiApps, findWorkspaceRoot, orderByDependencies } from "../src/workspace.js";
import { linkNodeModules } from "../src/worktree.js";

describe("orderByDependencies", () => {
  const app = (name: string, deps: string[] = []) => ({ app: name, stacks: ["dev"], dependsOn: deps });

  it("puts upstream apps first and ignores dependencies that are not Pulumi apps", () => {
    const ordered = orderByDependencies([
      app("infra-gold", ["infra-silver", "schemas"]),
      app("airflow-dags", ["infra-gold"]),
      app("infra-silver", ["infra-bronze"]),
      app("infra-bronze"),
    ]);
    expect(ordered.map((a) => a.app)).toEqual(["infra-bronze", "infra-silver", "infra-gold", "airflow-dags"]);
  });

  it("names the cycle", () => {
    expect(() => orderByDependencies([app("a", ["b"]), app("b", ["a"])])).toThrow("a -> b -> a");
  });
});

describe("workspace discovery", () => {
  const root = mkdtempSync(join(tmpdir(), "offline-plan-ws-"));
  writeFileSync(join(root, "nx.json"), "{}");
  mkdirSync(join(root, "apps", "infra-silver", "src"), { recursive: true });
  mkdirSync(join(root, "apps", "not-pulumi"), { recursive: true });
  writeFileSync(join(root, "apps", "infra-silver", "Pulumi.yaml"), "name: infra-silver\n");
  writeFileSync(join(root, "apps", "infra-silver", "Pulumi.prod.yaml"), "config: {}\n");
  writeFileSync(join(root, "apps", "infra-silver", "Pulumi.dev.yaml"), "config: {}\n");
  writeFileSync(
    join(root, "apps", "infra-silver", "project.json"),
    '{"implicitDependencies":["infra-bronze"]}',
  );

  it("finds the root from a nested folder", () => {
    expect(findWorkspaceRoot(join(root, "apps", "infra-silver", "src"))).toBe(root);
  });

  it("lists Pulumi apps with their stacks and dependencies", () => {
    expect(discoverPulumiApps(root)).toEqual([
      { app: "infra-silver", stacks: ["dev", "prod"], dependsOn: ["infra-bronze"] },
    ]);
  });

  it("links a worktree's packages to the workspace's, but its own packages to its own sources", () => {
    mkdirSync(join(root, "node_modules", "zod"), { recursive: true });
    mkdirSync(join(root, "node_modules", "@lake"), { recursive: true });
    symlinkSync("../../libs/schemas", join(root, "node_modules", "@lake", "schemas"));
    const tree = mkdtempSync(join(tmpdir(), "offline-plan-tree-"));
    mkdirSync(join(tree, "libs", "schemas"), { recursive: true });
    linkNodeModules(root, tree);
    expect(realpathSync(join(tree, "node_modules", "zod"))).toBe(
      realpathSync(join(root, "node_modules", "zod")),
    );
    expect(readlinkSync(join(tree, "node_modules", "@lake", "schemas"))).toBe("../../libs/schemas");
    expect(realpathSync(join(tree, "node_modules", "@lake", "schemas"))).toBe(
      realpathSync(join(tree, "libs", "schemas")),
    );
    expect(existsSync(join(tree, "node_modules", "@lake", "schemas"))).toBe(true);
  });
});
