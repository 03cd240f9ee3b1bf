/**
 * Phase 2 (full): the whole codebase moves from the old system to
 * `@sessionkit/core` — managers, create sequences, session data, binding
 * checks, locks, errors, types, imports (barrels and their importers alike),
 * in .ts, .tsx, .js, .mjs and .cjs files — planned over every file of the
 * run at once (lib/full/planner.ts), so what one file hands another stays
 * consistent. A group of files that share old objects and contain a site
 * with no safe rewrite stays on `@sessionkit/legacy-adapter` as a whole,
 * with a marker at that site; nothing is left half-migrated.
 */
import { fullTransform } from '../lib/full/full-transform.js';

export default fullTransform;
