import sessionCreation from '../src/transforms/session-creation.js';
import { describeFixtures } from './fixtures.js';

describeFixtures('session-creation', sessionCreation, [
  'blocked',
  'basic',
  'aliased',
  'namespace',
  'commonjs',
  'already-migrated',
  'unsupported',
  'mixed',
  'acknowledged',
]);
