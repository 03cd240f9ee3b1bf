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
export type Render = (inner: Inner) => string;

interface Edit {
  start: number;
  end: number;
  render: Render;
  order: number;
  children: Edit[];
  /** Removes code that another edit moves elsewhere (see `renderDetached`). */
  removal: boolean;
}

export class EditSet {
  readonly #edits: Edit[] = [];

  constructor(readonly text: string) {}

  /** Replaces `[start, end)`; `render` gets the edited text of any sub-range. */
  replace(start: number, end: number, render: Render | string, removal = false): void {
    if (start < 0 || end > this.text.length || start > end) throw new RangeError(`bad edit range ${start}..${end}`);
    this.#edits.push({ start, end, render: typeof render === 'string' ? () => render : render, order: this.#edits.length, children: [], removal });
  }

  /**
   * The edited text of a range that is moved elsewhere (its edits applied),
   * while the range itself is removed by a `removal` edit around it. Only
   * valid once every edit is in (call it from a render).
   */
  renderDetached(start: number, end: number): string {
    const inside = this.#edits.filter((edit) => !(edit.removal && edit.start <= start && end <= edit.end) && start <= edit.start && edit.end <= end);
    return renderRange(this.text, start, end, buildTree(inside), detachedCopies);
  }

  insert(position: number, text: Render | string): void {
    this.replace(position, position, text);
  }

  get size(): number {
    return this.#edits.length;
  }

  /** True when `[start, end)` lies inside (or is) a non-empty replaced range. */
  covers(start: number, end: number): boolean {
    return this.#edits.some((edit) => edit.start < edit.end && edit.start <= start && end <= edit.end);
  }

  render(): string {
    return renderRange(this.text, 0, this.text.length, buildTree(this.#edits), null);
  }

  /**
   * The ranges of the original text that end up in the output (copied
   * through, or embedded by an edit), from a trial render. A reference that
   * is in none of them was rewritten away.
   */
  survivingRanges(): SurvivingRanges {
    const copied: [number, number][] = [];
    const previous = detachedCopies;
    detachedCopies = copied;
    try {
      renderRange(this.text, 0, this.text.length, buildTree(this.#edits), copied);
    } finally {
      detachedCopies = previous;
    }
    return new SurvivingRanges(copied);
  }
}

/** Where a trial render records the slices it copies (renders of moved code go through `renderDetached`). */
let detachedCopies: [number, number][] | null = null;

export class SurvivingRanges {
  readonly #ranges: [number, number][];

  constructor(ranges: [number, number][]) {
    this.#ranges = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  }

  has(start: number, end: number): boolean {
    return this.#ranges.some(([from, to]) => from <= start && end <= to);
  }
}

function buildTree(edits: readonly Edit[]): Edit[] {
  const sorted = edits
    .map((edit) => ({ ...edit, children: [] as Edit[] }))
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
      if (previous && edit.start < previous.end && edit.start !== edit.end) throw new Error(`overlapping edits ${previous.start}..${previous.end} and ${edit.start}..${edit.end}`);
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

function renderEdit(text: string, edit: Edit, copied: [number, number][] | null): string {
  const inner: Inner = (start, end) => renderRange(text, start, end, edit.children, copied);
  return edit.render(inner);
}

function renderRange(text: string, start: number, end: number, edits: readonly Edit[], copied: [number, number][] | null): string {
  let output = '';
  let cursor = start;
  for (const edit of edits) {
    if (edit.end < start || edit.start > end) continue;
    if (edit.start === edit.end ? edit.start < start || edit.start > end : edit.start < start || edit.end > end) {
      if (edit.start === edit.end || edit.end <= start || edit.start >= end) continue;
      throw new Error(`an edit at ${edit.start}..${edit.end} crosses the rendered range ${start}..${end}`);
    }
    copied?.push([cursor, edit.start]);
    output += text.slice(cursor, edit.start) + renderEdit(text, edit, copied);
    cursor = edit.end;
  }
  copied?.push([cursor, end]);
  return output + text.slice(cursor, end);
}
