/**
 * The gate (`--check`): fails the run when a gating target (gating.ts) is
 * not met in this run: core slower or larger than legacy, more than 1,024
 * bytes per session, a lost update, a curve that should be flat growing.
 * Every other target is evaluated too and reported beside it, met or not,
 * without failing the run.
 */
import { GATING_TARGETS } from './gating.js';
import type { WorkloadResult } from './results.js';
import { evaluateTargets, type TargetId, type TargetOutcome } from './targets.js';

export { CORE_BYTES_PER_SESSION_LIMIT } from './targets.js';

export interface CheckVerdict {
  passed: boolean;
  /** One sentence per gating target not met, naming the workload and the figures. */
  failures: string[];
  /** Workloads where legacy and core were both measured and compared. */
  compared: string[];
  /** Ids of the workloads behind `failures` (measured again before the gate fails them). */
  failedIds: string[];
  /** Every target's outcome, gating or not. */
  targets: TargetOutcome[];
  /** The targets that gated this verdict. */
  gating: readonly TargetId[];
}

export function checkResults(results: readonly WorkloadResult[], gating: readonly TargetId[] = GATING_TARGETS): CheckVerdict {
  const targets = evaluateTargets(results);
  const failing = targets.filter((outcome) => gating.includes(outcome.target) && outcome.met === false);
  const compared = targets.filter((outcome) => outcome.target === 'core-vs-legacy' && outcome.value !== null).map((outcome) => outcome.workload);
  return {
    passed: failing.length === 0,
    failures: failing.map((outcome) => outcome.detail),
    compared: [...new Set(compared)],
    failedIds: [...new Set(failing.map((outcome) => outcome.workload))],
    targets,
    gating,
  };
}
