import { join } from 'node:path';
import { helpdeskScenario } from './scenarios/helpdesk.js';
import { APPS_DIR } from './support/apps.js';
import { defineAppMigrationSuite } from './support/e2e.js';

// The key the create and check sites passed: core's manager signs with its own key ring, which the app must configure.
const SECRET = 'the secret key `bindingSecret()` is no longer used';

// Five files in everyday habits: bootstrap, handlers, a CommonJS presenter, an update service, an analysis tool.
defineAppMigrationSuite({
  name: 'helpdesk',
  source: { dir: join(APPS_DIR, 'helpdesk'), folders: ['src'] },
  scenario: helpdeskScenario,
  expectedMarkers: [SECRET, SECRET],
});
