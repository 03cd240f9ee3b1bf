import * as legacy from '../src/index.js';
import { defineLegacyContract } from '../src/testing/index.js';

defineLegacyContract(legacy, { name: '@sessionkit/legacy: legacy contract' });
