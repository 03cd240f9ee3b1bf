/** A unified diff of two texts (line based, three lines of context), for `--print`. */

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The shortest edit script between two line lists (LCS by dynamic programming; files here are small). */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? (lcs[i + 1]![j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]![j] ?? 0, lcs[i]![j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] as string });
      i++;
      j++;
    } else if ((lcs[i + 1]![j] ?? 0) >= (lcs[i]![j + 1] ?? 0)) ops.push({ kind: '-', line: a[i++] as string });
    else ops.push({ kind: '+', line: b[j++] as string });
  }
  while (i < n) ops.push({ kind: '-', line: a[i++] as string });
  while (j < m) ops.push({ kind: '+', line: b[j++] as string });
  return ops;
}

/** A unified diff of two versions of a file. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const ops = diffLines(a, b);
  const out: string[] = [`--- a/${file}`, `+++ b/${file}`];
  let index = 0;
  while (index < ops.length) {
    if (ops[index]?.kind === ' ') {
      index++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change near it.
    let start = Math.max(0, index - context);
    let end = index;
    for (let k = index; k < ops.length; k++) {
      if (ops[k]?.kind !== ' ') end = k;
      else if (k - end > context * 2) break;
    }
    end = Math.min(ops.length - 1, end + context);
    let lineA = 1;
    let lineB = 1;
    for (let k = 0; k < start; k++) {
      if (ops[k]?.kind !== '+') lineA++;
      if (ops[k]?.kind !== '-') lineB++;
    }
    const hunk = ops.slice(start, end + 1);
    const countA = hunk.filter((op) => op.kind !== '+').length;
    const countB = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${lineA},${countA} +${lineB},${countB} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    index = end + 1;
    start = index;
  }
  return `${out.join('\n')}\n`;
}
