import imports from '../src/transforms/imports.js';
import { describeFixtures } from './fixtures.js';

describeFixtures('imports', imports, [
  'basic',
  'aliased',
  'namespace',
  'type-only',
  'commonjs',
  'scope-conflict',
  'already-migrated',
  'unsupported',
  'mixed',
  'relative-target',
]);
