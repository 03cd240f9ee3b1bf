// @ts-check
// The repository's rules, plus: the fixture apps under test/apps are code in
// the old API's everyday habits (CommonJS, JSDoc-typed JS), inputs of the
// end-to-end tests, not this package's code.
import root from '../../eslint.config.js';

export default [...root, { ignores: ['test/apps/**', 'test-results/**'] }];
