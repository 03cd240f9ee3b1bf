/**
 * Keeps new code in the file's own style: quote character, semicolons and
 * line endings. Recast reprints only what changed, so this only concerns
 * new or rewritten lines.
 */

export type QuoteStyle = 'single' | 'double';

/** The quote of the file's first module specifiers (`from '…'`, `require("…")`), else of its first string. */
export function detectQuote(source: string): QuoteStyle {
  const specifier = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])/m.exec(source);
  const quote = specifier?.[1] ?? /(['"])(?:(?!\1)[^\\\n]|\\.)*\1/.exec(source)?.[1];
  return quote === '"' ? 'double' : 'single';
}

export function detectLineTerminator(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * True when most statements of the file end without a semicolon. Counts
 * lines that end a simple statement (declarations, imports, calls, returns).
 */
export function omitsSemicolons(source: string): boolean {
  let withSemicolon = 0;
  let without = 0;
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trimEnd();
    if (!/^\s*(?:import|export|const|let|var|return|throw|await)\b/.test(line) && !/\)$|\);$/.test(line)) continue;
    if (/[{(,[]$|=>$/.test(line)) continue;
    if (line.endsWith(';')) withSemicolon++;
    else without++;
  }
  return without > withSemicolon;
}

const ASI_HAZARD = /^\s*[([`+\-/]/;

/**
 * In a file written without semicolons, drops the trailing `;` recast put on
 * new lines (lines that did not exist before), unless the next line starts
 * with a character that would join the two statements.
 */
export function matchSemicolonStyle(original: string, output: string): string {
  if (output === original || !omitsSemicolons(original)) return output;
  const before = new Set(original.split(/\r?\n/).map((line) => line.trimEnd()));
  const terminator = detectLineTerminator(output);
  const lines = output.split(/\r?\n/);
  return lines
    .map((line, index) => {
      const trimmed = line.trimEnd();
      if (!trimmed.endsWith(';') || before.has(trimmed) || /^\s*for\s*\(/.test(trimmed)) return line;
      const next = lines.slice(index + 1).find((candidate) => candidate.trim() !== '');
      if (next !== undefined && ASI_HAZARD.test(next)) return line;
      return trimmed.slice(0, -1);
    })
    .join(terminator);
}
