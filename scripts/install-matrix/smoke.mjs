/**
 * A few lines of real use per package, run by its consumer after the import
 * checks (inside `async function main()`, with the package root imported as
 * `root`). They are type-checked under every resolution, so they use the
 * published names only. A package without an entry here gets the import checks alone.
 */
const SMOKE = {
  '@sessionkit/core': `
const secretKeys = ['install-matrix-secret'];
const manager = new root.SimpleSessionManager({ secretKeys });
const session = await manager.createSession(root.generateSessionId(), { topic: 'from the tarball' });
await session.validateSecurity();
const copy = await root.Session.restoreFromState(await session.exportState(), { secretKeys });
if (!(copy instanceof root.Session) || copy.topic !== 'from the tarball') throw new Error('exportState/restoreFromState did not round-trip');
await manager.shutdown();`,
  '@sessionkit/store-redis': `
// A bad option is refused before any connection, with core's own error class:
// store-redis and the consumer load one and the same @sessionkit/core.
const core = await import('@sessionkit/core');
try {
  new root.RedisSessionStore({ commandTimeoutMs: -1 });
  throw new Error('commandTimeoutMs: -1 was accepted');
} catch (error) {
  if (!(error instanceof core.SessionValidationError)) throw error;
}`,
};

/**
 * The smoke code for a package, or undefined.
 * @param {string} name
 * @returns {string | undefined}
 */
export function smokeFor(name) {
  return SMOKE[name]?.trim();
}
