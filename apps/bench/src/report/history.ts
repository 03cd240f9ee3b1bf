/**
 * `results/history/*.json`: one file per run (meta + dashboard entries), the
 * source of the HTML page's trend lines. File names start with the run's
 * UTC time, so sorting by name is sorting by time.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunMeta } from '../results.js';
import type { DashboardEntry } from './json.js';

export interface HistoryRecord {
  meta: RunMeta;
  entries: DashboardEntry[];
}

function isHistoryRecord(value: unknown): value is HistoryRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<HistoryRecord>;
  return typeof record.meta?.date === 'string' && Array.isArray(record.entries);
}

/** Every readable history record, oldest first; unreadable files are skipped and named in `skipped`. */
export function readHistory(dir: string): { records: HistoryRecord[]; skipped: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch {
    return { records: [], skipped: [] };
  }
  const records: HistoryRecord[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (isHistoryRecord(parsed)) records.push(parsed);
      else skipped.push(name);
    } catch {
      skipped.push(name);
    }
  }
  return { records, skipped };
}

export function historyFileName(meta: RunMeta): string {
  const stamp = meta.date.replace(/[-:.]/g, ''); // 20261127T100000000Z: sortable, millisecond-unique
  const commit = meta.commit === 'unknown' ? 'nocommit' : meta.commit.slice(0, 7);
  return `${stamp}-${meta.mode}-${commit}.json`;
}

export function appendHistory(dir: string, record: HistoryRecord): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, historyFileName(record.meta));
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
