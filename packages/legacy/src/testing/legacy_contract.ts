import { afterAll, afterEach, beforeAll, beforeEach, describe, vi } from 'vitest';
import { describeConcurrency } from './contract/concurrency.js';
import { describeData } from './contract/data.js';
import { describeErrors } from './contract/errors.js';
import { describeManager } from './contract/manager.js';
import { describeModels } from './contract/models.js';
import { describeSecurity } from './contract/security.js';
import type { LegacyContractSubject } from './contract/subject.js';
import { T0 } from './contract/support.js';

export interface LegacyContractOptions {
  /** Suite title; default `legacy contract`. */
  name?: string;
  /**
   * PBKDF2 rounds while the suite runs (set through `impl.setConfig`, restored
   * afterwards). Signatures are computed on every create and validation, so
   * the default 600,000 would make the suite take minutes; 1,000 keeps the
   * behaviour and costs microseconds.
   */
  pbkdf2Iterations?: number;
}

/**
 * The old session system's behaviour as one vitest suite, run against any
 * implementation of its public names:
 *
 * ```ts
 * import * as legacy from '@sessionkit/legacy';
 * import { defineLegacyContract } from '@sessionkit/legacy/testing';
 * defineLegacyContract(legacy);
 * ```
 *
 * Time is driven only through a faked `Date` (`vi.useFakeTimers({ toFake:
 * ['Date'] })`), session ids use `[A-Za-z0-9_.:-]`, and nothing asserts
 * signature bytes or version numbers beyond what the old API documented.
 */
export function defineLegacyContract(impl: LegacyContractSubject, options: LegacyContractOptions = {}): void {
  describe(options.name ?? 'legacy contract', () => {
    let previousIterations: number | undefined;

    beforeAll(() => {
      previousIterations = impl.getConfig().pbkdf2Iterations;
      impl.setConfig({ pbkdf2Iterations: options.pbkdf2Iterations ?? 1000 });
    });

    afterAll(() => {
      if (previousIterations !== undefined) impl.setConfig({ pbkdf2Iterations: previousIterations });
    });

    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
    });

    afterEach(() => {
      vi.useRealTimers();
    });

    describeModels(impl);
    describeSecurity(impl);
    describeConcurrency(impl);
    describeManager(impl);
    describeData(impl);
    describeErrors(impl);
  });
}
