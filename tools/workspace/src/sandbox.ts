// A throwaway copy of the workspace, for tests that must change files and run the workspace's own tools (Nx, the
// generators, make) without touching the real tree: the files git knows of (tracked and untracked but not ignored),
// as they are in the working tree, committed in a fresh repository so `nx affected` has a base to compare with, and a
// node_modules of links to the real one whose workspace packages (`@lake/*`) point into the copy.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { linkNodeModules } from "@lake/offline-plan";

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Sandbox {
  readonly root: string;
  /** Runs `command` in the copy with Nx's daemon and cloud off; never throws on a failing command. */
  run(command: string, args: readonly string[], env?: Readonly<Record<string, string>>): RunResult;
  read(path: string): string;
  write(path: string, content: string): void;
  /** Commits every change of the copy, so the next `nx affected --base=HEAD` starts from it. */
  commit(message: string): void;
  remove(): void;
}

function git(cwd: string, args: readonly string[]): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed in ${cwd}: ${result.stderr}`);
  return result.stdout;
}

/** Every file of `root` that git tracks or would track, relative to `root`. */
function workspaceFiles(root: string): string[] {
  return git(root, ["ls-files", "--cached", "--others", "--exclude-standard", "-z"])
    .split("\0")
    .filter((f) => f !== "" && existsSync(join(root, f)));
}

/** A copy of the workspace at `source` (the folder of nx.json). Call `remove()` when done. */
export function workspaceSandbox(source: string): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "lake-workspace-"));
  for (const file of workspaceFiles(source)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(source, file), join(root, file));
  }
  linkNodeModules(source, root);
  git(root, ["init", "--quiet", "--initial-branch=main"]);
  git(root, ["config", "user.email", "sandbox@example.com"]);
  git(root, ["config", "user.name", "sandbox"]);
  git(root, ["add", "--all"]);
  git(root, ["commit", "--quiet", "--no-verify", "-m", "the workspace as it was copied"]);
  return {
    root,
    run(command, args, env = {}) {
      const result = spawnSync(command, args, {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false", ...env },
        maxBuffer: 64 * 1024 * 1024,
      });
      return { status: result.status ?? -1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
    },
    read: (path) => readFileSync(join(root, path), "utf8"),
    write(path, content) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    },
    commit(message) {
      git(root, ["add", "--all"]);
      git(root, ["commit", "--quiet", "--no-verify", "-m", message]);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
