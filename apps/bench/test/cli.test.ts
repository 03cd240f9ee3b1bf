import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('bench CLI', () => {
  it('runs and explains itself', () => {
    const result = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('apps/bench');
  });
});
