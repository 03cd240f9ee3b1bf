/**
 * The legacy application (`packages/legacy/src/{handlers,helpers,tools}`),
 * copied into this package's git-ignored `.consumer-app/` with its imports of
 * the old modules re-pointed at this package: the bridge step of a migration,
 * done by hand exactly as the `to-adapter` codemod does it.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const appDir = join(packageDir, '.consumer-app');
const OLD_MODULES = ['config', 'exceptions', 'models', 'session_manager', 'session_security', 'session_data', 'session_concurrency', 'session_lock_manager'];
const OLD_IMPORT = new RegExp(`(from\\s+')\\.\\./(${OLD_MODULES.join('|')})(')`, 'g');

/** Copies the application, re-points its imports, and returns the path of its tools module. */
export function prepareConsumerApp(): {
  toolsModule: string;
  handlerModule: string;
  rewrittenImports: number;
  leftoverRelativeImports: string[];
} {
  const require = createRequire(import.meta.url);
  const legacySrc = join(dirname(require.resolve('@sessionkit/legacy/package.json')), 'src');
  rmSync(appDir, { recursive: true, force: true });
  for (const folder of ['handlers', 'helpers', 'tools']) {
    cpSync(join(legacySrc, folder), join(appDir, folder), { recursive: true });
  }
  let rewrittenImports = 0;
  const leftoverRelativeImports: string[] = [];
  for (const folder of ['handlers', 'helpers', 'tools']) {
    for (const file of readdirSync(join(appDir, folder))) {
      const path = join(appDir, folder, file);
      const source = readFileSync(path, 'utf8').replace(OLD_IMPORT, (_, from: string, module: string, quote: string) => {
        rewrittenImports += 1;
        return `${from}@sessionkit/legacy-adapter/${module}${quote}`;
      });
      writeFileSync(path, source);
      // Whatever still imports a sibling of the old modules' folder was not re-pointed.
      for (const match of source.matchAll(/from\s+'(\.\.\/[^']+)'/g)) {
        const specifier = match[1] ?? '';
        if (!/^\.\.\/(handlers|helpers|tools)\//.test(specifier)) leftoverRelativeImports.push(`${folder}/${file}: ${specifier}`);
      }
    }
  }
  return {
    toolsModule: join(appDir, 'tools', 'session_tools.ts'),
    handlerModule: join(appDir, 'handlers', 'session_handler.ts'),
    rewrittenImports,
    leftoverRelativeImports,
  };
}

export function assertBuilt(): void {
  if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
    throw new Error('dist/ is missing: run `pnpm --filter @sessionkit/legacy-adapter build` before these tests');
  }
}
