import { makeCreateWorkload } from './create.js';

export const createEqWorkload = makeCreateWorkload({
  id: 'create-eq',
  title: 'create, crypto-equalised (legacy pbkdf2Iterations: 1)',
  legacyIterations: 1,
  notes: ['legacy runs with pbkdf2Iterations: 1, so this compares the architectures without the KDF; `create` shows the KDF included.'],
  budgetMs: { quick: 1_000, full: 6_000 },
});
