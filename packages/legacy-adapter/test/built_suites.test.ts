// The contract suite and the old system's own tests against the BUILT package, resolved by name through the exports map (turbo builds first).
import * as built from '@sessionkit/legacy-adapter';
import { defineLegacyContract, defineOldSystemSuite } from '@sessionkit/legacy/testing';
import { assertBuilt } from './support/consumer_app.js';

assertBuilt();
defineLegacyContract(built, { name: 'dist: legacy contract' });
defineOldSystemSuite(built, { implementation: 'adapter', name: 'dist: the old system’s own tests' });
