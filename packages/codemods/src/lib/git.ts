/**
 * A codemod rewrites files in place: like other codemod CLIs, it refuses to
 * do so in a git working tree with uncommitted changes (they would mix with
 * its own), unless `--force`. Paths outside any git repository are not checked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function gitOutput(cwd: string, args: readonly string[]): string | null {
  try {
    return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** For each repository the paths are in: its root and what `git status --porcelain` lists there (empty when clean). */
export function uncommittedChanges(paths: readonly string[]): { root: string; changes: string[] }[] {
  const roots = new Map<string, string[]>();
  for (const path of paths) {
    const absolute = resolve(path);
    const directory = existsSync(absolute) && statSync(absolute).isDirectory() ? absolute : dirname(absolute);
    const root = gitOutput(directory, ['rev-parse', '--show-toplevel'])?.trim();
    if (!root || roots.has(root)) continue;
    const status = gitOutput(root, ['status', '--porcelain']);
    roots.set(root, status === null ? [] : status.split('\n').filter((line) => line.trim() !== ''));
  }
  return [...roots].map(([root, changes]) => ({ root, changes }));
}
