import { join } from 'node:path';
import { researchHubScenario } from './scenarios/research-hub.js';
import { APPS_DIR } from './support/apps.js';
import { defineAppMigrationSuite } from './support/e2e.js';

// A local barrel, a pool class extending SessionManager injected into services, JSDoc-typed .js and .mjs.
defineAppMigrationSuite({
  name: 'research-hub',
  source: { dir: join(APPS_DIR, 'research-hub'), folders: ['src'] },
  scenario: researchHubScenario,
  // The key both services were given (create and check): core's manager signs with its own key ring, which the app must configure.
  expectedMarkers: ['the secret key `this.secret` is no longer used', 'the secret key `this.secret` is no longer used'],
});
