/**
 * Text edits over one file, composed as a tree: an edit replaces a range of
 * the original text, and its replacement may embed the (edited) text of any
 * sub-range, so rewrites of nested code compose — `data.getLastAnalysis()`
 * can become `await data.getLastAnalysis()` inside a lock section that is
 * itself rewritten. Edits of the same range nest in the order they were made
 * (the later one wraps the earlier); partly overlapping edits are a bug.
 * Untouched text is copied byte for byte.
 */

/** Renders a sub-range of the original text, with the edits inside it applied. */
export type Inner = (start: number, end: number) => string;
/** Produces an edit's replacement text. */
export type Render = (inner: Inner) => string;

interface Edit {
  start: number;
  end: number;
  render: Render;
  order: number;
  children: Edit[];
  /** Removes code that another edit moves elsewhere (see `renderDetached`). */
  removal: boolean;
  /** Trial render: the sub-ranges its render embedded. */
  requests: [number, number][];
}

/** The edits of one file, rendered as a tree over its original text. */
export class EditSet {
  readonly #edits: Edit[] = [];

  constructor(readonly text: string) {}

  /** Replaces `[start, end)`; `render` gets the edited text of any sub-range. */
  replace(start: number, end: number, render: Render | string, removal = false): void {
    if (start < 0 || end > this.text.length || start > end) throw new RangeError(`bad edit range ${start}..${end}`);
    this.#edits.push({
      start,
      end,
      render: typeof render === 'string' ? () => render : render,
      order: this.#edits.length,
      children: [],
      removal,
      requests: [],
    });
    this.#trial = null;
  }

  #trial: { roots: Edit[]; detached: [number, number][] } | null = null;

  /**
   * Whether the original text `[start, end)` still reaches the output as
   * itself: every edit around it embeds it again (`await ${text(call)}`, a
   * moved statement), none replaced it. Judged on a trial render, redone
   * when edits were added since.
   */
  isLive(start: number, end: number): boolean {
    if (this.#trial === null) {
      const roots = buildTree(this.#edits);
      const detached: [number, number][] = [];
      const previous = trial;
      trial = { detached };
      try {
        renderRange(this.text, 0, this.text.length, roots);
      } finally {
        trial = previous;
      }
      this.#trial = { roots, detached };
    }
    const { detached } = this.#trial;
    const inside = (ranges: readonly [number, number][]): boolean => ranges.some(([from, to]) => from <= start && end <= to);
    let level: readonly Edit[] = this.#trial.roots;
    for (;;) {
      const around = level.find((edit) => edit.start < edit.end && edit.start <= start && end <= edit.end);
      if (!around) return true;
      if (!inside(around.requests) && !(around.removal && inside(detached))) return false;
      level = around.children;
    }
  }

  /**
   * The edited text of a range that is moved elsewhere (its edits applied),
   * while the range itself is removed by a `removal` edit around it. Only
   * valid once every edit is in (call it from a render).
   */
  renderDetached(start: number, end: number): string {
    trial?.detached.push([start, end]);
    const inside = this.#edits.filter((edit) => !(edit.removal && edit.start <= start && end <= edit.end) && start <= edit.start && edit.end <= end);
    return renderRange(this.text, start, end, buildTree(inside));
  }

  insert(position: number, text: Render | string): void {
    this.replace(position, position, text);
  }

  /** A point to come back to with `rollback` (edits made after it are dropped). */
  checkpoint(): number {
    return this.#edits.length;
  }

  rollback(checkpoint: number): void {
    this.#edits.length = checkpoint;
    this.#trial = null;
  }

  get size(): number {
    return this.#edits.length;
  }

  render(): string {
    return renderRange(this.text, 0, this.text.length, buildTree(this.#edits));
  }
}

/** Set during a trial render (see `isLive`): where moved code was embedded. */
let trial: { detached: [number, number][] } | null = null;

function buildTree(edits: readonly Edit[]): Edit[] {
  const sorted = edits
    .map((edit) => ({ ...edit, children: [] as Edit[], requests: [] as [number, number][] }))
    .sort((a, b) => a.start - b.start || zeroFirst(a, b) || b.end - a.end || b.order - a.order);
  const roots: Edit[] = [];
  const stack: Edit[] = [];
  for (const edit of sorted) {
    while (stack.length > 0 && !contains(stack[stack.length - 1] as Edit, edit)) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) {
      if (edit.start < parent.end && edit.end > parent.end) throw new Error(`overlapping edits ${parent.start}..${parent.end} and ${edit.start}..${edit.end}`);
      parent.children.push(edit);
    } else {
      const previous = roots[roots.length - 1];
      if (previous && edit.start < previous.end && edit.start !== edit.end)
        throw new Error(`overlapping edits ${previous.start}..${previous.end} and ${edit.start}..${edit.end}`);
      roots.push(edit);
    }
    stack.push(edit);
  }
  return roots;
}

function zeroFirst(a: Edit, b: Edit): number {
  return (a.start === a.end ? 0 : 1) - (b.start === b.end ? 0 : 1);
}

function contains(outer: Edit, inner: Edit): boolean {
  if (inner.start === inner.end) return outer.start < inner.start && inner.start < outer.end;
  return outer.start <= inner.start && inner.end <= outer.end && outer.start !== outer.end;
}

function renderEdit(text: string, edit: Edit): string {
  const inner: Inner = (start, end) => {
    edit.requests.push([start, end]);
    return renderRange(text, start, end, edit.children);
  };
  return edit.render(inner);
}

function renderRange(text: string, start: number, end: number, edits: readonly Edit[]): string {
  let output = '';
  let cursor = start;
  for (const edit of edits) {
    if (edit.end < start || edit.start > end) continue;
    if (edit.start === edit.end ? edit.start < start || edit.start > end : edit.start < start || edit.end > end) {
      if (edit.start === edit.end || edit.end <= start || edit.start >= end) continue;
      throw new Error(`an edit at ${edit.start}..${edit.end} crosses the rendered range ${start}..${end}`);
    }
    output += text.slice(cursor, edit.start) + renderEdit(text, edit);
    cursor = edit.end;
  }
  return output + text.slice(cursor, end);
}
