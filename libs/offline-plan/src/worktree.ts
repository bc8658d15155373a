import { execFileSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { join } from "node:path";

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

export function resolveCommit(root: string, ref: string): string {
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new Error(`"${ref}" is not a commit of this repository (try a branch, a tag or a sha)`);
  }
}

/**
 * Gives a worktree the workspace's installed packages without installing them again: every entry of
 * `node_modules` is a symlink to the workspace's, except the workspace's own packages (`@lake/*`), whose relative
 * links are recreated so they point into the worktree's sources, not the working tree's.
 */
export function linkNodeModules(root: string, tree: string, workspaceScope = "@lake"): void {
  const source = join(root, "node_modules");
  const target = join(tree, "node_modules");
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (entry === workspaceScope) continue;
    symlinkSync(realpathSync(join(source, entry)), join(target, entry));
  }
  const scopeDir = join(source, workspaceScope);
  if (!existsSync(scopeDir)) return;
  mkdirSync(join(target, workspaceScope), { recursive: true });
  for (const pkg of readdirSync(scopeDir)) {
    const link = join(scopeDir, pkg);
    if (lstatSync(link).isSymbolicLink()) {
      symlinkSync(readlinkSync(link), join(target, workspaceScope, pkg));
    }
  }
}

/** A detached worktree of `commit` with linked packages; `remove` deletes it and its administrative files. */
export function addWorktree(root: string, commit: string, dir: string): { dir: string; remove: () => void } {
  git(root, ["worktree", "add", "--detach", "--quiet", dir, commit]);
  const remove = () => {
    try {
      git(root, ["worktree", "remove", "--force", dir]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      git(root, ["worktree", "prune"]);
    }
  };
  try {
    linkNodeModules(root, dir);
  } catch (err) {
    remove();
    throw err;
  }
  return { dir, remove };
}
