import managerUsage from '../src/transforms/manager-usage.js';
import { describeFixtures } from './fixtures.js';

describeFixtures('manager-usage', managerUsage, [
  'basic',
  'aliased',
  'namespace',
  'commonjs',
  'already-migrated',
  'unsupported',
  'session-context',
  'is-expired',
  'get-session-atomic',
]);
