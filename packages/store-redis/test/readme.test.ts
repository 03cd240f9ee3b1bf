/** The README's quick start runs as it is written, twice in a row (it must not collide with itself). */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { describeWithRedis, sharedRedisUrl } from './support/redis.js';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The first ```js block under "## Quick start". */
function quickStart(): string {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```js\n([\s\S]*?)```/.exec(section);
  if (block === null) throw new Error('no ```js block under "## Quick start" in README.md');
  return block[1] as string;
}

// Inside the package, so its imports resolve as an installed package's would (the build, via "exports").
const script = join(packageDir, `.readme-quickstart-${process.pid}.mjs`);
afterEach(() => rmSync(script, { force: true }));

describeWithRedis('README quick start', () => {
  it('runs as pasted, twice in a row, with its fallback key and the environment Redis', async () => {
    writeFileSync(script, quickStart());
    const env = { ...process.env, REDIS_URL: sharedRedisUrl(), SESSIONKIT_SECRET_KEYS: undefined };
    const runs = [];
    for (let i = 0; i < 2; i++) runs.push(await run(process.execPath, [script], { env, timeout: 20_000 }));
    const lines = runs.map(({ stdout }) => stdout.trim());
    for (const line of lines) expect(line).toMatch(/^[A-Za-z0-9_-]{20,} What breaks first\?$/);
    expect(lines[0]?.split(' ')[0]).not.toBe(lines[1]?.split(' ')[0]); // a fresh random id each run
    expect(runs[0]?.stderr).toContain('SESSIONKIT_SECRET_KEYS is not set');
  });
});
