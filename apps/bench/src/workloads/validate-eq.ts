import { makeValidateWorkload } from './validate.js';

export const validateEqWorkload = makeValidateWorkload({
  id: 'validate-eq',
  title: 'validate, crypto-equalised (legacy pbkdf2Iterations: 1)',
  legacyIterations: 1,
  notes: ['legacy runs with pbkdf2Iterations: 1, so this compares the architectures without the KDF; `validate` shows the KDF included.'],
  budgetMs: { quick: 1_000, full: 6_000 },
});
