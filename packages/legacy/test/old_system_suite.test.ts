// The old session modules' own test suite against this port (tests the old system fails run as it.fails).
import * as legacy from '../src/index.js';
import { defineOldSystemSuite } from '../src/testing/index.js';

defineOldSystemSuite(legacy, { implementation: 'legacy', name: '@sessionkit/legacy: the old system’s own tests' });
