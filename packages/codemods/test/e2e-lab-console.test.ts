import { join } from 'node:path';
import { labConsoleScenario } from './scenarios/lab-console.js';
import { APPS_DIR } from './support/apps.js';
import { defineAppMigrationSuite } from './support/e2e.js';

// Dynamic import, namespace imports, bound and destructured method references, optional chaining.
defineAppMigrationSuite({
  name: 'lab-console',
  source: { dir: join(APPS_DIR, 'lab-console'), folders: ['src'] },
  scenario: labConsoleScenario,
  // The key both binding sites passed: core's manager signs with its own key ring, which the app must configure.
  expectedMarkers: ['the secret key `LAB_SECRET` is no longer used', 'the secret key `LAB_SECRET` is no longer used'],
});
