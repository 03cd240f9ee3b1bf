import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('sessionkit-codemod CLI', () => {
  it('exits 2 with usage on bad arguments', () => {
    const result = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: sessionkit-codemod');
  });

  it('lists transforms', () => {
    expect(() => execFileSync(process.execPath, [cli, 'list'])).not.toThrow();
  });
});
