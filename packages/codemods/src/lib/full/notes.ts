/**
 * The markers `all` leaves on code it migrated (notes: the rewrite was made,
 * a human decides whether a documented difference matters there), and the
 * markers of an earlier run that a re-run takes out before it plans a file
 * again.
 *
 * A re-run must leave only markers that are still true. Blockers (a site
 * with no safe rewrite) and the bridge's leftover markers on adapter imports
 * describe old code, so the new plan says again those that still hold, and
 * the rest go. A note cannot be found again: the code it is about is core's
 * by then. So, in a file the run plans again, every `// sessionkit-migrate:`
 * line is taken out except the notes, and except inside (or above) a
 * statement the user acknowledged (`sessionkit-migrate-ignore:`), which is
 * left exactly as it is. Other comments are never touched.
 */
import ts from 'typescript';
import { ACKNOWLEDGED_PREFIX, MARKER_PREFIX } from '../migration-marker.js';
import { CAPACITY_CHECK_REASON } from '../../transforms/session-creation.js';
import { KEY_RING_REASON, OWN_MANAGER_REASON } from '../../transforms/session-operations.js';

/** A read of `session.version` (or of an expected version computed from it). */
export const VERSION_NOTE =
  "session.version now counts every change of the session (threads, analyses, updates), where the old record's version counted recordAccess calls (tool accesses): if this value is shown or compared, decide which you mean";

/** A read of the old `accessCount`. */
export const ACCESS_COUNT_NOTE = 'metrics.access_count counts every operation on the session, where the old accessCount counted recordAccess calls';

/** An `addSession` whose result was not checked. */
export const UNCHECKED_CAPACITY_NOTE =
  'createSession throws SessionCapacityError when the pool is full, where addSession returned false and this code went on without the session: catch it here if the code relied on that';

/** A `synchronizedUpdate` with an expected version. */
export const EXPECTED_VERSION_NOTE =
  "the version checked here is now the session's own version, which counts every change of the session (not only this object's updates): check that the expected version comes from the same session";

const SECRET_NOTE_START = 'the secret key ';
const SECRET_NOTE_MIDDLE = ' is no longer used: ';

/**
 * A secret key the old code passed per call (`createClientBinding(key)`,
 * `validateBinding(key)`, `isBindingValid(key)`) that the rewrite dropped:
 * core signs and checks bindings with the manager's key ring.
 */
export function secretKeyNote(expression: ts.Expression): string {
  const text = expression.getText().replace(/\s+/g, ' ');
  const long = text.length > 60;
  const shown = long ? `${text.slice(0, 57)}...` : text;
  return (
    `${SECRET_NOTE_START}\`${shown}\`${SECRET_NOTE_MIDDLE}core signs and checks client bindings with the SimpleSessionManager's key ring. ` +
    `Configure it there (\`secretKeys: [${long ? '<this key>' : text}]\`) or set SESSIONKIT_SECRET_KEYS; else each process uses a random key ` +
    `(SESSIONKIT_RANDOM_KEY warning) and a binding made in one replica, or before a restart, fails in another`
  );
}

const FIXED_NOTES = new Set([
  VERSION_NOTE,
  ACCESS_COUNT_NOTE,
  UNCHECKED_CAPACITY_NOTE,
  EXPECTED_VERSION_NOTE,
  KEY_RING_REASON,
  CAPACITY_CHECK_REASON,
  OWN_MANAGER_REASON,
]);

/** Whether a marker's reason is a note on migrated code (of `all`, or of a per-file step), which no re-run could write again. */
export function isNote(reason: string): boolean {
  return FIXED_NOTES.has(reason) || (reason.startsWith(SECRET_NOTE_START) && reason.includes(SECRET_NOTE_MIDDLE));
}

const MARKER_LINE = new RegExp(`^[ \\t]*//[ \\t]*${MARKER_PREFIX}[ \\t]*(.*?)[ \\t]*$`);

/** The innermost node or token whose text (trivia excluded) holds `position`. */
function tokenAt(sourceFile: ts.SourceFile, position: number): ts.Node {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = node.getChildren(sourceFile).find((candidate) => candidate.getStart(sourceFile) <= position && position < candidate.end);
    if (!child) return node;
    node = child;
  }
}

function inLiteral(sourceFile: ts.SourceFile, position: number): boolean {
  const kind = tokenAt(sourceFile, position).kind;
  return (kind >= ts.SyntaxKind.FirstLiteralToken && kind <= ts.SyntaxKind.LastTemplateToken) || kind === ts.SyntaxKind.JsxText;
}

/** Statements (with their leading comments) the user acknowledged. */
function acknowledgedRanges(sourceFile: ts.SourceFile): [number, number][] {
  const ranges: [number, number][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStatement(node) && sourceFile.text.slice(node.getFullStart(), node.getStart(sourceFile)).includes(ACKNOWLEDGED_PREFIX)) {
      ranges.push([node.getFullStart(), node.end]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return ranges;
}

/**
 * The marker lines of earlier runs to take out of a file before it is planned
 * again: `[start, end)` of each whole line, its line break included.
 */
export function staleMarkerLines(sourceFile: ts.SourceFile): [number, number][] {
  const text = sourceFile.text;
  if (!text.includes(MARKER_PREFIX)) return [];
  const acknowledged = acknowledgedRanges(sourceFile);
  const found: [number, number][] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(start, end).replace(/\r?\n$/, '');
    const match = MARKER_LINE.exec(line);
    const comment = start + line.indexOf('//');
    if (match && !isNote(match[1] ?? '') && !inLiteral(sourceFile, comment) && !acknowledged.some(([from, to]) => from <= comment && comment < to))
      found.push([start, end]);
    start = end;
  }
  return found;
}

/** A text without the given line ranges. */
export function withoutRanges(text: string, ranges: readonly [number, number][]): string {
  let output = '';
  let cursor = 0;
  for (const [start, end] of ranges) {
    output += text.slice(cursor, start);
    cursor = end;
  }
  return output + text.slice(cursor);
}
