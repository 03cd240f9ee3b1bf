/**
 * The suites as other packages run them: the factories from the BUILT
 * `@sessionkit/legacy/testing` entry, against the BUILT package, resolved
 * by name through the exports map (dist/ must be current: turbo builds first).
 */
import * as legacy from '@sessionkit/legacy';
import { defineConsumerAppBehaviour, defineLegacyContract, defineOldSystemSuite } from '@sessionkit/legacy/testing';
import * as app from '@sessionkit/legacy/tools/session_tools';

defineLegacyContract(legacy, { name: 'dist: legacy contract' });
defineOldSystemSuite(legacy, { implementation: 'legacy', name: 'dist: the old system’s own tests' });

let previousIterations = legacy.getConfig().pbkdf2Iterations;
defineConsumerAppBehaviour(app, {
  name: 'dist: application behaviour',
  beforeAll: () => {
    previousIterations = legacy.getConfig().pbkdf2Iterations;
    legacy.setConfig({ pbkdf2Iterations: 1000 });
  },
  afterAll: () => {
    legacy.setConfig({ pbkdf2Iterations: previousIterations });
  },
});
