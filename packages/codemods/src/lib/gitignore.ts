/**
 * `.gitignore` patterns for jscodeshift's own ignore list. The runner's
 * `gitignore: true` only reads the current directory's file and hands every
 * line to picomatch as is, where a negation (`!keep.ts`) would match, and so
 * ignore, almost every path. So the CLI reads the `.gitignore` files from the
 * current directory and from each target up to its repository root, drops
 * negations and comments, and passes the rest as ignore patterns.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

function gitignoreFiles(paths: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  const starts = [cwd, ...paths.map((path) => resolve(cwd, path))];
  for (const start of starts) {
    let directory = existsSync(start) && statSync(start).isDirectory() ? start : dirname(start);
    for (;;) {
      const file = join(directory, '.gitignore');
      if (existsSync(file)) found.add(file);
      if (existsSync(join(directory, '.git'))) break;
      const parent = dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
  }
  return [...found];
}

export function gitignorePatterns(paths: readonly string[], cwd = process.cwd()): string[] {
  const patterns = new Set<string>();
  for (const file of gitignoreFiles(paths, cwd)) {
    const base = dirname(file);
    for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
      if (!line.startsWith('/')) {
        patterns.add(line);
        continue;
      }
      // Anchored to the .gitignore's folder: match it as the runner will see paths (relative or absolute).
      const anchored = line.slice(1);
      const fromCwd = relative(cwd, join(base, anchored));
      if (!fromCwd.startsWith('..')) patterns.add(fromCwd);
      patterns.add(join(base, anchored));
    }
  }
  return [...patterns];
}
