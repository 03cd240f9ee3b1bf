// The contract suite against the BUILT package, resolved by name through the exports map (turbo builds first).
import * as built from '@sessionkit/legacy-adapter';
import { defineLegacyContract } from '@sessionkit/legacy/testing';
import { assertBuilt } from './support/consumer_app.js';

assertBuilt();
defineLegacyContract(built, { name: 'dist: legacy contract' });
