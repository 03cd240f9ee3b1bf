/**
 * The sample application of `@sessionkit/legacy` (handlers/, helpers/,
 * tools/: three files importing the old modules by relative path), migrated
 * by `all` like the fixture apps, and checked once more with the
 * application's own behaviour suite (written for the old app, run on the
 * migrated copy).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineConsumerAppBehaviour, type ConsumerApp } from '@sessionkit/legacy/testing';
import { consumerAppScenario } from './scenarios/consumer-app.js';
import { LEGACY_SRC, PACKAGE_DIR } from './support/apps.js';
import { defineAppMigrationSuite, removeCopy } from './support/e2e.js';
import { afterAll } from 'vitest';

const VERSION_NOTE = 'session.version now counts every change of the session';
const SECRET_NOTE = 'the secret key `bindingSecretKey()` is no longer used';

defineAppMigrationSuite({
  name: 'consumer-app',
  source: { dir: LEGACY_SRC, folders: ['handlers', 'helpers', 'tools'] },
  scenario: consumerAppScenario,
  legacyConfig: join(LEGACY_SRC, 'config.ts'),
  // get_session_info reports session.version: the old record counted tool accesses, core counts changes.
  // The key the create and check sites passed: core's manager signs with its own key ring, which the app must configure.
  expectedMarkers: [VERSION_NOTE, SECRET_NOTE, SECRET_NOTE],
  marked: [{ step: 'info', field: ['version'], marker: VERSION_NOTE }],
  keepCopy: true,
});

// The migrated copy exists once the suite above ran its migration (vitest runs a file's suites in order).
const copy = join(PACKAGE_DIR, 'test-results', 'apps', 'consumer-app');
const migrated = join(copy, 'tools', 'session_tools.ts');
afterAll(() => removeCopy(copy));
const app = new Proxy({} as ConsumerApp, {
  get:
    (_target, name: string) =>
    async (...args: unknown[]) => {
      const module = (await import(pathToFileURL(migrated).href)) as Record<string, (...a: unknown[]) => unknown>;
      return module[name]?.(...args);
    },
});
defineConsumerAppBehaviour(app, { name: "the app's own behaviour suite, on the migrated copy" });
