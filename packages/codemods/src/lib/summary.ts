/**
 * The end-to-end summary (stdout, or stderr with --print) and the `--report`
 * JSON. Both formats are documented in the README; keep them stable.
 */
import { unifiedDiff } from './diff.js';
import type { RunSummary } from './run-jscodeshift.js';

/** Format version of the `--report` JSON. */
export const REPORT_VERSION = 1;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** The end-of-run summary text. */
export function formatSummary(summary: RunSummary): string {
  const { totals } = summary;
  const lines: string[] = [];
  const mode = summary.dry ? ' (dry run, nothing written)' : '';
  lines.push(
    `sessionkit-codemod ${summary.transform}${mode}: ${totals.scanned} files scanned, ${totals.changed} changed, ${totals.unchanged} unchanged, ${totals.skipped} skipped, ${totals.failed} errored, ${totals.markers} marker${totals.markers === 1 ? '' : 's'} left, ${seconds(summary.durationMs)}`,
  );
  // Changed and errored files one per line (with their marker count or error); unchanged ones only
  // when they still carry markers; skipped ones counted by reason (a run over a monorepo skips hundreds).
  const listed = summary.files.filter(
    (file) => file.status === 'changed' || file.status === 'failed' || (file.status === 'unchanged' && file.markers.length > 0),
  );
  const skippedBy = new Map<string, number>();
  for (const file of summary.files) if (file.status === 'skipped') skippedBy.set(file.reason ?? 'skipped', (skippedBy.get(file.reason ?? 'skipped') ?? 0) + 1);
  if (listed.length > 0 || skippedBy.size > 0) {
    lines.push('');
    for (const file of listed) {
      const markers = file.markers.length > 0 ? `  (${file.markers.length} marker${file.markers.length === 1 ? '' : 's'})` : '';
      const reason = file.reason ? `  ${file.reason}` : '';
      const status = file.status === 'failed' ? 'errored' : file.status;
      lines.push(`  ${status.padEnd(9)} ${file.file}${markers}${reason}`);
    }
    for (const [reason, count] of skippedBy) lines.push(`  skipped   ${count} file${count === 1 ? '' : 's'}: ${reason}`);
  }
  if (summary.markers.length > 0) {
    lines.push('', `${summary.markers.length} site${summary.markers.length === 1 ? '' : 's'} to migrate by hand (// sessionkit-migrate:):`);
    for (const marker of summary.markers) lines.push(`  ${marker.file}:${marker.line}  ${marker.reason}`);
  }
  if (summary.transform === 'remove-adapter') {
    lines.push(
      '',
      summary.adapterImports === 0
        ? 'no @sessionkit/legacy-adapter import left: the bridge can be removed'
        : `${summary.adapterImports} @sessionkit/legacy-adapter import${summary.adapterImports === 1 ? '' : 's'} left`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `--print`: each changed file's name, then its diff. */
export function formatDiffs(summary: RunSummary): string {
  return summary.files
    .filter((file) => file.status === 'changed' && file.before !== undefined && file.after !== undefined)
    .map((file) => `${file.file}\n${unifiedDiff(file.file, file.before ?? '', file.after ?? '')}`)
    .join('\n');
}

/** The `--report` JSON text. */
export function reportJson(summary: RunSummary): string {
  const report = {
    version: REPORT_VERSION,
    transform: summary.transform,
    dry: summary.dry,
    totals: { ...summary.totals, errored: summary.totals.failed },
    durationMs: summary.durationMs,
    files: summary.files.map(({ before: _before, after: _after, ...file }) => file),
    markers: summary.markers,
    ...(summary.transform === 'remove-adapter' ? { adapterImports: summary.adapterImports } : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * 0: done. 1: a file errored or markers are left — for remove-adapter,
 * whose verdict is about the bridge only, adapter imports left. (2, bad
 * arguments or a dirty git tree, is the CLI's.)
 */
export function exitCodeFor(summary: RunSummary): number {
  if (summary.totals.failed > 0) return 1;
  if (summary.transform === 'remove-adapter') return summary.adapterImports > 0 ? 1 : 0;
  return summary.totals.markers > 0 ? 1 : 0;
}
