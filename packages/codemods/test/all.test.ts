import all from '../src/transforms/all.js';
import { describeFixtures } from './fixtures.js';

// One habit per case, each file migrated on its own (run by hand, without the CLI's survey).
describeFixtures('all', all, [
  'create-throws',
  'create-returns',
  'session-data',
  'lookup-in-scope',
  'binding-check',
  'lock-block',
  'with-lock',
  'synchronized-update',
  'sync-run',
  'manager-options',
  'subclass',
  'errors',
  'namespace',
  'commonjs',
  'jsdoc',
  'dynamic-import',
  'optional-chaining',
  'listed-sessions',
  'session-context',
  'barrel',
  'already-migrated',
  'blocked',
  'acknowledged',
  'version-note',
  'relative-target',
  'rerun-after-fix',
  'rerun-still-blocked',
  'secret-key',
]);
