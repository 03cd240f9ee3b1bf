/** The child scripts `memory` and `cold-import` run in fresh `node` processes (built dist). */
import { describe, expect, it } from 'vitest';
import { childScript, runChild } from '../src/child/spawn.js';

describe('memory child', () => {
  it('reports a positive retained size per session for each side', async () => {
    const script = childScript('memory');
    for (const side of ['legacy', 'core', 'floor']) {
      const report = await runChild<{ side: string; count: number; bytesPerSession: number }>(script, [side, '2000'], ['--expose-gc']);
      expect(report).toMatchObject({ side, count: 2000 });
      // Any session with an id, a topic and a binding holds well over 100 bytes and under 100 KB.
      expect(report.bytesPerSession).toBeGreaterThan(100);
      expect(report.bytesPerSession).toBeLessThan(100_000);
    }
  });

  it('refuses to run without --expose-gc', async () => {
    await expect(runChild(childScript('memory'), ['floor', '10'])).rejects.toThrow(/--expose-gc/);
  });
});

describe('cold-import child', () => {
  it('times a first import', async () => {
    const report = await runChild<{ importMs: number }>(childScript('cold-import'), ['core']);
    expect(report.importMs).toBeGreaterThan(0);
  });

  it('counts the modules a package loads: one for the empty floor module, more for a real package', async () => {
    const script = childScript('cold-import');
    const floor = await runChild<{ modules: number; esm: number; cjs: number }>(script, ['floor', '--count-modules']);
    expect(floor).toMatchObject({ modules: 1, esm: 1, cjs: 0 });
    const legacy = await runChild<{ modules: number }>(script, ['legacy', '--count-modules']);
    // the package entry plus at least its own modules and async-mutex
    expect(legacy.modules).toBeGreaterThan(2);
  });

  it('fails clearly for an unknown side', async () => {
    await expect(runChild(childScript('cold-import'), ['nope'])).rejects.toThrow(/unknown side: nope/);
  });
});
