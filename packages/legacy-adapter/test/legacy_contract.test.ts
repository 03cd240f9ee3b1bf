// The old system's contract suite, unchanged, against the adapter's source.
import { defineLegacyContract } from '@sessionkit/legacy/testing';
import * as adapter from '../src/index.js';

defineLegacyContract(adapter, { name: '@sessionkit/legacy-adapter: legacy contract' });
