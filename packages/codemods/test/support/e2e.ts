/**
 * The end-to-end suite every fixture app runs (test/e2e-*.test.ts): a copy
 * of the app is migrated by the BUILT CLI with `all`, and then
 *   - it imports nothing of the old system and nothing of the bridge;
 *   - `tsc --noEmit` (the repository's strict config, checkJs) passes;
 *   - at most three markers are left, each one expected;
 *   - the app's scenario gives the same transcript as on the original
 *     (before: on @sessionkit/legacy; after: on @sessionkit/core), marked
 *     differences excepted explicitly;
 *   - a second `all` changes nothing and `remove-adapter` exits 0.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setConfig } from '@sessionkit/legacy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySpecifier } from '../../src/lib/legacy-modules.js';
import { MARKER_PREFIX } from '../../src/lib/migration-marker.js';
import type { Load } from '../scenarios/common.js';
import { codemod, copyApp, readApp, specifiersIn, typeErrors, type AppCopy } from './apps.js';
import { startClock, stopClock } from './clock.js';
import { comparable, type MarkedDifference, type Transcript } from './transcript.js';

export interface AppSuite {
  name: string;
  /** Where the original lives, and its source folders. */
  source: { dir: string; folders: readonly string[] };
  scenario: (load: Load) => Promise<Transcript>;
  /** The markers the migration is expected to leave, by part of their text. */
  expectedMarkers: readonly string[];
  marked?: readonly MarkedDifference[];
  /** Lowers the old PBKDF2 cost for the run on the original (its config module, when it has its own). */
  legacyConfig?: string;
  /** Leave the migrated copy for later suites of the same file (which then remove it). */
  keepCopy?: boolean;
}

/** Removes a copy, unless SESSIONKIT_E2E_KEEP is set (to look at it after a failing run). */
export function removeCopy(root: string): void {
  if (process.env['SESSIONKIT_E2E_KEEP'] === undefined) rmSync(root, { recursive: true, force: true });
}

interface Report {
  totals: Record<string, number>;
  markers: { file: string; line: number; reason: string }[];
}

async function runScenario(suite: AppSuite, root: string): Promise<Transcript> {
  startClock();
  try {
    return await suite.scenario((module) => import(pathToFileURL(join(root, module)).href) as Promise<Record<string, unknown>>);
  } finally {
    stopClock();
  }
}

export function defineAppMigrationSuite(suite: AppSuite): void {
  describe(`${suite.name}, migrated by \`sessionkit-codemod all\``, () => {
    let app: AppCopy;
    let original: Record<string, string>;
    let migrated: Record<string, string>;
    let migration: ReturnType<typeof codemod>;
    let report: Report;

    beforeAll(async () => {
      app = copyApp(suite.name, suite.source);
      original = readApp(app);
      migration = codemod(app.root, 'all', ...app.folders, '--report', 'report.json', '--force');
      report = JSON.parse(readFileSync(join(app.root, 'report.json'), 'utf8')) as Report;
      migrated = readApp(app);
      setConfig({ pbkdf2Iterations: 1000 });
      if (suite.legacyConfig) ((await import(pathToFileURL(suite.legacyConfig).href)) as { setConfig(c: object): void }).setConfig({ pbkdf2Iterations: 1000 });
    }, 120_000);
    afterAll(() => {
      setConfig({ pbkdf2Iterations: 600_000 });
      if (!suite.keepCopy) removeCopy(app.root);
    });

    it('migrates every file, without failures, listing exactly the markers in the files', () => {
      expect(migration.stderr).toBe('');
      expect(report.totals).toMatchObject({ failed: 0 });
      for (const file of Object.keys(original)) expect(migrated[file], file).not.toBe(original[file]);
      const inFiles = Object.entries(migrated).flatMap(([file, text]) =>
        text.split('\n').flatMap((line, index) => (line.includes(`// ${MARKER_PREFIX}`) ? [`${file}:${index + 1}`] : [])),
      );
      expect(report.markers.map((marker) => `${marker.file}:${marker.line}`).sort()).toEqual(inFiles.sort());
    });

    it('imports nothing of the old system and nothing of the bridge (JSDoc types included)', () => {
      for (const [file, text] of Object.entries(migrated)) {
        const specifiers = specifiersIn(text);
        expect(
          specifiers.filter((specifier) => classifySpecifier(specifier) !== null),
          file,
        ).toEqual([]);
        expect(
          specifiers.filter((specifier) => specifier.startsWith('@sessionkit/') && specifier !== '@sessionkit/core'),
          file,
        ).toEqual([]);
        expect(text, file).not.toMatch(/@sessionkit\/legacy/);
      }
    });

    // The originals type-check too (test/fixture-apps.test.ts; the sample app in its own package).
    it('type-checks with tsc --noEmit (strict, checkJs)', () => {
      expect(typeErrors(app)).toEqual([]);
    }, 60_000);

    it(`leaves at most three markers, each an expected one (${suite.expectedMarkers.length})`, () => {
      expect(report.markers.length).toBeLessThanOrEqual(3);
      expect(report.markers.length).toBe(suite.expectedMarkers.length);
      // Each expected text matches a marker of its own.
      const left = [...report.markers];
      for (const expected of suite.expectedMarkers) {
        const index = left.findIndex((marker) => marker.reason.includes(expected));
        expect(index, expected).not.toBe(-1);
        left.splice(index, 1);
      }
    });

    it('behaves as before: the scenario on core gives the transcript it gave on the old system', async () => {
      const before = await runScenario(suite, suite.source.dir);
      const after = await runScenario(suite, app.root);
      const marked = suite.marked ?? [];
      for (const difference of marked)
        expect(
          Object.values(migrated).some((text) => text.includes(difference.marker)),
          difference.marker,
        ).toBe(true);
      const compared = comparable(before.entries, after.entries, marked);
      expect(compared.problems).toEqual([]);
      expect(compared.after.split('\n')).toEqual(compared.before.split('\n'));
    }, 60_000);

    it('changes nothing when run again, and remove-adapter exits 0', () => {
      const again = codemod(app.root, 'all', ...app.folders, '--dry', '--force');
      expect(again.stdout).toMatch(/ 0 changed, /);
      const cleanup = codemod(app.root, 'remove-adapter', ...app.folders, '--force');
      expect(cleanup.stdout).toContain('no @sessionkit/legacy-adapter import left');
      expect(cleanup.status).toBe(0);
    }, 60_000);
  });
}
