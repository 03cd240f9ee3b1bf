// The old session modules' own test suite against the adapter: it must pass every test the old system passes.
import { defineOldSystemSuite } from '@sessionkit/legacy/testing';
import * as adapter from '../src/index.js';

defineOldSystemSuite(adapter, { implementation: 'adapter', name: '@sessionkit/legacy-adapter: the old system’s own tests' });
