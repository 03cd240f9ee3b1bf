import toAdapter from '../src/transforms/to-adapter.js';
import { describeFixtures } from './fixtures.js';

describeFixtures('to-adapter', toAdapter, ['basic', 'relative', 'namespace', 'type-only', 'commonjs', 'reexports', 'already-migrated', 'acknowledged']);
