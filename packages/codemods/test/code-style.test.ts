import { describe, expect, it } from 'vitest';
import { detectLineTerminator, detectQuote, matchSemicolonStyle, omitsSemicolons } from '../src/lib/code-style.js';

describe('detectQuote', () => {
  it('follows the module specifiers, then any string', () => {
    expect(detectQuote(`import a from "a";\nconst b = 'b';`)).toBe('double');
    expect(detectQuote(`const { a } = require('a');`)).toBe('single');
    expect(detectQuote(`const b = "b";`)).toBe('double');
    expect(detectQuote('const n = 1;')).toBe('single');
  });

  it('detects CRLF files', () => {
    expect(detectLineTerminator('a;\r\nb;\r\n')).toBe('\r\n');
    expect(detectLineTerminator('a;\nb;\n')).toBe('\n');
  });
});

describe('semicolons', () => {
  const withoutSemicolons = 'import a from "a"\nconst b = a()\nexport default b\n';

  it('tells a semicolon-less file from a normal one', () => {
    expect(omitsSemicolons(withoutSemicolons)).toBe(true);
    expect(omitsSemicolons('import a from "a";\nconst b = a();\n')).toBe(false);
  });

  it('drops the semicolons recast put on new lines, except before a line that would join', () => {
    const printed = 'import c from "c";\nimport a from "a"\nconst d = c();\n[d].forEach(f)\nconst b = a()\nexport default b\n';
    expect(matchSemicolonStyle(withoutSemicolons, printed)).toBe(
      'import c from "c"\nimport a from "a"\nconst d = c();\n[d].forEach(f)\nconst b = a()\nexport default b\n',
    );
  });

  it('leaves files that use semicolons as printed', () => {
    const original = 'const a = 1;\n';
    expect(matchSemicolonStyle(original, 'const a = 1;\nconst b = 2;\n')).toBe('const a = 1;\nconst b = 2;\n');
  });
});
