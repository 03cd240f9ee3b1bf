/**
 * One class identity, however core is loaded: the CommonJS entries are the
 * ESM build itself (require(esm)), so a process that imports core in one
 * place and requires it in another has one copy of every class.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

describe('built output (dist/)', () => {
  it('gives import and require the same classes, in one process', () => {
    const script = `
      const required = require(${JSON.stringify(`${dist}index.cjs`)});
      const requiredTesting = require(${JSON.stringify(`${dist}testing.cjs`)});
      import(${JSON.stringify(`${dist}index.js`)}).then(async (imported) => {
        const interop = await import(${JSON.stringify(`${dist}interop.js`)});
        const manager = new required.SimpleSessionManager({ secretKey: 'k' });
        const session = await manager.createSession('identity');
        const error = await manager.requireSession('absent').catch((e) => e);
        console.log(JSON.stringify({
          sameClasses: imported.Session === required.Session && imported.SimpleSessionManager === required.SimpleSessionManager,
          sessionInstanceof: session instanceof imported.Session,
          errorInstanceof: error instanceof imported.SessionNotFoundError && error instanceof imported.SessionError,
          interopSeesIt: interop.peekSession(manager, 'identity') === session,
          testingStoreIsCoreCompatible: new required.SimpleSessionManager({ secretKey: 'k', store: new requiredTesting.MemorySessionStore() }) instanceof imported.SimpleSessionManager,
        }));
      });`;
    const output = execFileSync(process.execPath, ['--input-type=commonjs', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      sameClasses: true,
      sessionInstanceof: true,
      errorInstanceof: true,
      interopSeesIt: true,
      testingStoreIsCoreCompatible: true,
    });
  });
});
