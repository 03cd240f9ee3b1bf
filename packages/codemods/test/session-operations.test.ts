import sessionOperations from '../src/transforms/session-operations.js';
import { describeFixtures } from './fixtures.js';

describeFixtures('session-operations', sessionOperations, [
  'basic',
  'aliased',
  'namespace',
  'commonjs',
  'already-migrated',
  'unsupported',
  'validate-binding',
  'synchronized-update',
  'lock-block',
  'with-lock',
]);
