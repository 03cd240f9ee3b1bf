import all from '../src/transforms/all.js';
import { describeFixtures } from './fixtures.js';

describeFixtures('all', all, ['consumer', 'leftovers', 'commonjs', 'already-migrated', 'relative-target', 'acknowledged']);
