/**
 * A dry run of `all` over this repository's packages/ and apps/ touches only
 * the legacy consumer app (packages/legacy/src/{handlers,helpers,tools}):
 * core, the adapter, the old system itself, these codemods and their
 * fixtures, the benchmark and the demo app are never rewritten, with no list
 * of them in the codemods (see file-guards.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const repository = fileURLToPath(new URL('../../..', import.meta.url));

describe('a dry run over the repository', () => {
  it('changes nothing outside the legacy consumer app', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sessionkit-repo-'));
    const report = join(folder, 'report.json');
    const result = spawnSync(process.execPath, [cli, 'all', 'packages', 'apps', '--dry', '--report', report], { cwd: repository, encoding: 'utf8' });
    expect(result.stderr).not.toContain('Error');
    const { files, markers } = JSON.parse(readFileSync(report, 'utf8')) as { files: { file: string; status: string }[]; markers: { file: string }[] };
    rmSync(folder, { recursive: true, force: true });
    const consumerApp = /^packages\/legacy\/src\/(handlers|helpers|tools)\//;
    const changed = files.filter((file) => file.status === 'changed').map((file) => file.file);
    expect(changed.sort()).toEqual([
      'packages/legacy/src/handlers/session_handler.ts',
      'packages/legacy/src/helpers/session_helpers.ts',
      'packages/legacy/src/tools/session_tools.ts',
    ]);
    expect(markers.filter((marker) => !consumerApp.test(marker.file))).toEqual([]);
    expect(files.filter((file) => file.status === 'failed')).toEqual([]);
    // Every other package is skipped as a whole, the demo app too (it was missing from an old list of names).
    const skipped = files.filter((file) => file.status === 'skipped').map((file) => file.file);
    expect(skipped.some((file) => file.startsWith('apps/mcp-demo/src/'))).toBe(true);
    expect(files.filter((file) => file.file.startsWith('apps/') && file.status !== 'skipped')).toEqual([]);
  });
});
