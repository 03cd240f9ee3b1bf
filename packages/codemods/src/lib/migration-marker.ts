/**
 * The one helper that writes migration markers. A marker is a line comment
 * `// sessionkit-migrate: <what to do by hand>` above the statement a
 * transform left alone. A user who has handled the site changes the prefix
 * to `sessionkit-migrate-ignore:`; every transform (and `remove-adapter`)
 * then leaves that statement be.
 */
import type { ASTNode, ASTPath, JSCodeshift } from 'jscodeshift';

/**
 * The text that starts a migration marker, `// sessionkit-migrate: <what to do by hand>`:
 * the comment a transform writes above a statement it could not rewrite safely.
 * Search for it to find what is left to migrate; {@link scanMarkers} lists them.
 */
export const MARKER_PREFIX = 'sessionkit-migrate:';
/**
 * The prefix that acknowledges a marker: change `sessionkit-migrate:` to
 * `sessionkit-migrate-ignore:` once the site is handled by hand, and every
 * transform (and `remove-adapter`) leaves that statement alone and stops
 * counting it.
 */
export const ACKNOWLEDGED_PREFIX = 'sessionkit-migrate-ignore:';

interface CommentNode {
  type: string;
  value: string;
  leading?: boolean;
  trailing?: boolean;
}

function commentsOf(node: ASTNode): CommentNode[] {
  return ((node as { comments?: CommentNode[] | null }).comments ?? []).filter((comment) => comment.leading !== false);
}

function commentText(comment: CommentNode): string {
  return comment.value.trim();
}

/** True for a marker comment of either prefix (markers never outlive the code they were written for). */
export function isMarkerComment(comment: { value: string }): boolean {
  const text = comment.value.trim();
  return text.startsWith(MARKER_PREFIX) || text.startsWith(ACKNOWLEDGED_PREFIX);
}

/** The user marked this statement as handled by hand. */
export function isAcknowledged(statement: ASTNode): boolean {
  return commentsOf(statement).some((comment) => commentText(comment).startsWith(ACKNOWLEDGED_PREFIX));
}

/** The unacknowledged marker reasons written above a statement. */
export function markerReasons(statement: ASTNode): string[] {
  return commentsOf(statement)
    .map(commentText)
    .filter((text) => text.startsWith(MARKER_PREFIX))
    .map((text) => text.slice(MARKER_PREFIX.length).trim());
}

/**
 * Writes `// sessionkit-migrate: <reason>` above a statement unless the same
 * marker (or an acknowledgement) is already there, so re-runs add nothing.
 * Returns whether a comment was added.
 */
export function writeMarker(j: JSCodeshift, statement: ASTPath, reason: string): boolean {
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  const node = statement.node as { comments?: unknown[] | null };
  if (isAcknowledged(statement.node) || markerReasons(statement.node).includes(oneLine)) return false;
  node.comments = [...(node.comments ?? []), j.commentLine(` ${MARKER_PREFIX} ${oneLine}`, true, false)];
  return true;
}

/** Where a marker is in a file, and what it asks for. */
export interface MarkerLocation {
  /** The marker comment's line, 1-based. */
  line: number;
  /** The text after `sessionkit-migrate:`: what to do by hand at the statement below it. */
  reason: string;
}

const MARKER_LINE = new RegExp(`^\\s*//\\s*${MARKER_PREFIX}\\s*(.*?)\\s*$`);

/**
 * Every unacknowledged marker in a file's text, with its 1-based line. The
 * summary reads markers from the final text, so line numbers are exact and a
 * marker left by an earlier run is still listed until someone handles it.
 * Acknowledged markers (`sessionkit-migrate-ignore:`) are not listed.
 *
 * @param source - a file's text
 * @returns the markers in the order they appear
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { scanMarkers } from '@sessionkit/codemods';
 *
 * for (const { line, reason } of scanMarkers(readFileSync('src/tools.ts', 'utf8'))) console.log(`src/tools.ts:${line}  ${reason}`);
 * ```
 */
export function scanMarkers(source: string): MarkerLocation[] {
  const found: MarkerLocation[] = [];
  const lines = source.split(/\r?\n/);
  lines.forEach((line, index) => {
    const match = MARKER_LINE.exec(line);
    if (match) found.push({ line: index + 1, reason: match[1] ?? '' });
  });
  return found;
}
