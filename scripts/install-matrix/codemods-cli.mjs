/**
 * The codemods CLI as a user meets it: `npx @sessionkit/codemods` from a
 * project that installed the tarball, then a small migration of a scratch
 * legacy service, whose result must type-check against the installed core.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { typecheck } from './typecheck.mjs';

/** The legacy service the migration starts from. */
const LEGACY_SERVICE = `import { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy';

export const manager = new SessionManager({ maxSessions: 25, cleanupIntervalMinutes: 5 });
export const label = (session: ContextSwitcherSession): string => session.sessionId;
`;

/**
 * Runs `npx` in `cwd`; never installs anything (`--yes=false`): the CLI must come from the tarball.
 * (Not `--no`: npx reads the word after it as its value, then takes `--version` for itself.)
 * @param {string} cwd
 * @param {string[]} args
 */
function npx(cwd, args) {
  const result = spawnSync('npx', ['--yes=false', '@sessionkit/codemods', ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/**
 * @param {object} options
 * @param {string} options.codemodsDir the consumer project that installed @sessionkit/codemods
 * @param {string | undefined} options.coreDir a consumer project that installed @sessionkit/core (the migrated code's home)
 * @param {string} options.version the version the CLI must report
 * @returns {{ name: string, ok: boolean, detail: string }[]}
 */
export function checkCodemodsCli({ codemodsDir, coreDir, version }) {
  const checks = [];
  const versionRun = npx(codemodsDir, ['--version']);
  checks.push({
    name: 'npx @sessionkit/codemods --version',
    ok: versionRun.status === 0 && versionRun.output.split('\n').some((line) => line.includes(version)),
    detail: `exit ${versionRun.status}, printed: ${versionRun.output.split('\n').slice(0, 3).join(' | ')}`,
  });

  // The service lives in the core consumer, so the migrated file can be type-checked against the installed core.
  const appDir = join(coreDir ?? codemodsDir, 'legacy-app');
  mkdirSync(join(appDir, 'src'), { recursive: true });
  const file = join(appDir, 'src', 'service.ts');
  writeFileSync(file, LEGACY_SERVICE);
  // A committed git tree, as in a real project (the CLI may refuse to rewrite uncommitted files).
  for (const args of [
    ['init', '-q'],
    ['add', '.'],
    ['-c', 'user.name=matrix', '-c', 'user.email=matrix@localhost', 'commit', '-qm', 'legacy'],
  ]) {
    execFileSync('git', args, { cwd: appDir });
  }
  const migration = npx(codemodsDir, ['all', join(appDir, 'src')]);
  const migrated = readFileSync(file, 'utf8');
  const rewritten = migrated.includes("from '@sessionkit/core'") && migrated.includes('SimpleSessionManager') && !migrated.includes('@sessionkit/legacy');
  checks.push({
    name: 'npx @sessionkit/codemods all <legacy service>',
    ok: migration.status === 0 && rewritten,
    detail: `exit ${migration.status}${rewritten ? '' : `; the file still reads:\n${migrated}`}; output: ${migration.output.split('\n').slice(0, 4).join(' | ')}`,
  });

  if (coreDir !== undefined) {
    writeFileSync(
      join(appDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'ES2022', lib: ['ES2023'], types: ['node'], strict: true, noEmit: true },
        files: ['src/service.ts'],
      }),
    );
    checks.push({ name: 'the migrated service type-checks against the installed @sessionkit/core', ...typecheck(appDir, 'tsconfig.json') });
  }
  return checks;
}
