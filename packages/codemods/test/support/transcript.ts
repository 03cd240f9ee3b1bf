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
