/**
 * Behaviour transcripts: a scenario drives an app through its public
 * functions and logs every result (or the error it threw). Ids and
 * timestamps differ between runs by nature, so they are masked — each
 * distinct id by its order of first appearance, so "the same session"
 * stays visible — and nothing else is.
 */

export type Entry = { step: string; result?: unknown; error?: { name: string; message: string } };

export class Transcript {
  readonly entries: Entry[] = [];

  /** Runs one step and records what it returned or threw (a throw never stops the scenario). */
  async step(step: string, run: () => unknown): Promise<unknown> {
    try {
      const result = await run();
      this.entries.push({ step, result: toPlain(result) });
      return result;
    } catch (error) {
      const failure = error instanceof Error ? { name: error.constructor.name, message: error.message } : { name: typeof error, message: String(error) };
      this.entries.push({ step, error: failure });
      return undefined;
    }
  }

  note(step: string, result: unknown): void {
    this.entries.push({ step, result: toPlain(result) });
  }
}

function toPlain(value: unknown): unknown {
  return value === undefined ? '<undefined>' : JSON.parse(JSON.stringify(value, (_key, item: unknown) => (item === undefined ? '<undefined>' : item)));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Base64url tokens of 43 characters (256 random bits): the old and new session ids (also inside `<id>_<name>` thread ids). */
const TOKEN = /(?<![A-Za-z0-9-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9-])/g;
/** ISO 8601 in both spellings the systems write: `…T12:00:00.000Z` and Python's `…T12:00:00.000000+00:00`. */
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

/** The transcript as text with ids and timestamps masked. */
export function normalise(entries: readonly Entry[]): string {
  const ids = new Map<string, string>();
  const maskId = (id: string): string => {
    let masked = ids.get(id);
    if (masked === undefined) {
      masked = `<id${ids.size + 1}>`;
      ids.set(id, masked);
    }
    return masked;
  };
  return entries
    .map((entry) => JSON.stringify(entry))
    .join('\n')
    .replace(TIMESTAMP, '<time>')
    .replace(UUID, maskId)
    .replace(TOKEN, maskId);
}

/**
 * A difference the migration could not hide and therefore marked in the
 * code (a documented behaviour difference): the step, the field, and the
 * text of the marker that says so. Nothing else may differ.
 */
export interface MarkedDifference {
  step: string;
  /** Path of the field inside the step's result, e.g. `['version']`. */
  field: readonly string[];
  /** Part of the marker's text (the marker must be in the migrated code). */
  marker: string;
}

function fieldOf(entry: Entry, path: readonly string[]): { holder: Record<string, unknown>; key: string } | null {
  let holder = entry.result as Record<string, unknown> | undefined;
  for (const key of path.slice(0, -1)) holder = holder?.[key] as Record<string, unknown> | undefined;
  const key = path[path.length - 1];
  return holder && key !== undefined && key in holder ? { holder, key } : null;
}

/**
 * Both transcripts, normalised, with each marked difference replaced by
 * `<marked>` — after checking that the field really differs (so the
 * exception is not hiding nothing) and exists in both.
 */
export function comparable(
  before: readonly Entry[],
  after: readonly Entry[],
  marked: readonly MarkedDifference[],
): { before: string; after: string; problems: string[] } {
  const problems: string[] = [];
  const copy = (entries: readonly Entry[]): Entry[] => JSON.parse(JSON.stringify(entries)) as Entry[];
  const left = copy(before);
  const right = copy(after);
  for (const difference of marked) {
    const a = left.find((entry) => entry.step === difference.step);
    const b = right.find((entry) => entry.step === difference.step);
    const fa = a ? fieldOf(a, difference.field) : null;
    const fb = b ? fieldOf(b, difference.field) : null;
    if (!fa || !fb) {
      problems.push(`marked difference ${difference.step}.${difference.field.join('.')} is not in both transcripts`);
      continue;
    }
    if (JSON.stringify(fa.holder[fa.key]) === JSON.stringify(fb.holder[fb.key]))
      problems.push(`marked difference ${difference.step}.${difference.field.join('.')} does not differ`);
    fa.holder[fa.key] = '<marked>';
    fb.holder[fb.key] = '<marked>';
  }
  return { before: normalise(left), after: normalise(right), problems };
}
