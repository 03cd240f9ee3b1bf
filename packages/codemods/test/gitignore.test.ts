import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitignorePatterns } from '../src/lib/gitignore.js';

describe('gitignorePatterns', () => {
  it('reads the .gitignore files from the target up to the repository root, without negations or comments', () => {
    const repo = mkdtempSync(join(tmpdir(), 'sessionkit-gitignore-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'app/src'), { recursive: true });
    writeFileSync(join(repo, '.gitignore'), '# build output\ndist/\n!dist/keep.ts\n/generated\n\n');
    writeFileSync(join(repo, 'app/.gitignore'), '*.gen.ts\n');
    const outside = join(repo, '..');

    const patterns = gitignorePatterns(['app/src'], repo);
    expect(patterns).toEqual(expect.arrayContaining(['dist/', '*.gen.ts', 'generated', join(repo, 'generated')]));
    expect(patterns.some((pattern) => pattern.startsWith('!') || pattern.startsWith('#'))).toBe(false);
    // Nothing above the repository root is read.
    expect(gitignorePatterns([join(repo, 'app/src')], outside).every((pattern) => !pattern.startsWith('..'))).toBe(true);
    rmSync(repo, { recursive: true, force: true });
  });
});
