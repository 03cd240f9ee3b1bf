import { join } from 'node:path';
import { helpdeskScenario } from './scenarios/helpdesk.js';
import { APPS_DIR } from './support/apps.js';
import { defineAppMigrationSuite } from './support/e2e.js';

// Five files in everyday habits: bootstrap, handlers, a CommonJS presenter, an update service, an analysis tool.
defineAppMigrationSuite({ name: 'helpdesk', source: { dir: join(APPS_DIR, 'helpdesk'), folders: ['src'] }, scenario: helpdeskScenario, expectedMarkers: [] });
