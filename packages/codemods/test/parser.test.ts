import { describe, expect, it } from 'vitest';
import { parserFor } from '../src/lib/parser.js';

describe('parserFor', () => {
  it.each([
    ['src/a.ts', 'ts'],
    ['src/a.mts', 'ts'],
    ['src/a.d.ts', 'ts'],
    ['src/view.tsx', 'tsx'],
    ['src/a.js', 'babel'],
    ['src/a.jsx', 'babel'],
    ['src/a.cjs', 'babel'],
    ['src/a.mjs', 'babel'],
  ] as const)('%s → %s', (file, parser) => {
    expect(parserFor(file)).toBe(parser);
  });

  it('lets --parser override the extension', () => {
    expect(parserFor('src/a.js', 'tsx')).toBe('tsx');
  });
});
