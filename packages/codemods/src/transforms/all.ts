/**
 * Phase 3 in one go: `imports`, `session-creation`, `session-operations`,
 * `error-handling`, `manager-usage` (the order of ALL_STEPS), then whatever
 * still needs the old API is re-pointed at `@sessionkit/legacy-adapter`
 * with a marker, so no import of the old system is left and the code still
 * compiles and runs.
 *
 * `imports` runs once more before the leftovers: its class and type renames
 * wait until the file no longer builds old sessions or calls old-only
 * manager methods, which the steps in between may have just achieved.
 */
import { ALL_STEPS } from '../lib/codemods.js';
import type { Rule } from '../lib/context.js';
import { defineTransform } from '../lib/define-transform.js';
import { rule as errorHandling } from './error-handling.js';
import { rule as imports } from './imports.js';
import { rule as managerUsage } from './manager-usage.js';
import { rule as sessionCreation } from './session-creation.js';
import { rule as sessionOperations } from './session-operations.js';
import { leftoversRule } from './to-adapter.js';

const STEP_RULES: Readonly<Record<(typeof ALL_STEPS)[number], Rule>> = {
  imports,
  'session-creation': sessionCreation,
  'session-operations': sessionOperations,
  'error-handling': errorHandling,
  'manager-usage': managerUsage,
};

export const rules: readonly Rule[] = [...ALL_STEPS.map((step) => STEP_RULES[step]), imports, leftoversRule];

export default defineTransform(rules);
