import errorHandling from '../src/transforms/error-handling.js';
import { describeFixtures } from './fixtures.js';

describeFixtures('error-handling', errorHandling, [
  'basic',
  'aliased',
  'namespace',
  'type-only',
  'commonjs',
  'scope-conflict',
  'already-migrated',
  'unsupported',
  'mixed',
]);
