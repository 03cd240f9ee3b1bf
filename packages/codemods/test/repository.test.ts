/**
 * A dry run of `all` over this repository's own packages/ may only touch the
 * legacy consumer app (packages/legacy/src/{handlers,helpers,tools}): core,
 * the adapter, these codemods and their fixtures are never rewritten.
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
    const result = spawnSync(process.execPath, [cli, 'all', 'packages', '--dry', '--report', report], { cwd: repository, encoding: 'utf8' });
    expect(result.stderr).not.toContain('Error');
    const { files } = JSON.parse(readFileSync(report, 'utf8')) as { files: { file: string; status: string }[] };
    rmSync(folder, { recursive: true, force: true });
    const changed = files.filter((file) => file.status === 'changed').map((file) => file.file);
    const outside = changed.filter((file) => !/^packages\/legacy\/src\/(handlers|helpers|tools)\//.test(file));
    expect(outside).toEqual([]);
    expect(files.filter((file) => file.status === 'failed')).toEqual([]);
  });
});
