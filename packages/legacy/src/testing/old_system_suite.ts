import { afterAll, afterEach, beforeAll, beforeEach, describe, vi } from 'vitest';
import { describeClientBinding } from './old_suite/client_binding.js';
import { describeConcurrency } from './old_suite/concurrency.js';
import { describeData } from './old_suite/data.js';
import { describeLockManager } from './old_suite/lock_manager.js';
import { describeManager } from './old_suite/manager.js';
import { describeSecurity } from './old_suite/security.js';
import type { OldSuiteSubject } from './old_suite/subject.js';
import { START, suiteContext, type OldSuiteImplementation } from './old_suite/support.js';

export interface OldSystemSuiteOptions {
  /**
   * Which implementation `impl` is. Tests the old system itself fails run as
   * `it.fails` on `legacy` (so fixing one shows up); on `adapter` they run as
   * ordinary tests unless the bridge is recorded as failing them too.
   */
  implementation: OldSuiteImplementation;
  /** Suite title; default `the old system’s own tests`. */
  name?: string;
  /** PBKDF2 rounds while the suite runs (through `impl.setConfig`, restored afterwards); default 1,000. */
  pbkdf2Iterations?: number;
}

/**
 * The old session modules' own test suite, ported behaviour for behaviour to
 * vitest, run against any implementation of their public names:
 *
 * ```ts
 * import * as legacy from '@sessionkit/legacy';
 * import { defineOldSystemSuite } from '@sessionkit/legacy/testing';
 * defineOldSystemSuite(legacy, { implementation: 'legacy' });
 * ```
 *
 * Every test of the old suite is declared: ported, or skipped with the
 * reason it has no meaning here. A test an implementation is known to fail
 * says so in its title, with the reason. Only `Date` is faked (the old
 * tests patched `datetime.now`); timers are real; session ids are unique
 * per test.
 */
export function defineOldSystemSuite(impl: OldSuiteSubject, options: OldSystemSuiteOptions): void {
  const context = suiteContext(impl, options.implementation);
  describe(options.name ?? 'the old system’s own tests', () => {
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
      vi.setSystemTime(START);
    });

    afterEach(() => {
      vi.restoreAllMocks();
      vi.useRealTimers();
    });

    describeLockManager(context);
    describeConcurrency(context);
    describeData(context);
    describeSecurity(context);
    describeClientBinding(context);
    describeManager(context);
  });
}
