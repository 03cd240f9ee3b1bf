/** Picks the jscodeshift parser for a file: `tsx` for .tsx, `ts` for other TypeScript, `babel` for JavaScript. */
import { extname } from 'node:path';

/** A jscodeshift parser the transforms can use: `ts`, `tsx` (TypeScript with JSX) or `babel` (JavaScript). */
export type ParserName = 'ts' | 'tsx' | 'babel';

export const PARSERS = ['ts', 'tsx', 'babel'] as const satisfies readonly ParserName[];

export function isParserName(value: string): value is ParserName {
  return (PARSERS as readonly string[]).includes(value);
}

export function parserFor(filePath: string, override?: ParserName): ParserName {
  if (override) return override;
  switch (extname(filePath).toLowerCase()) {
    case '.tsx':
      return 'tsx';
    case '.ts':
    case '.mts':
    case '.cts':
      return 'ts';
    default:
      return 'babel';
  }
}

/** The `babel` parser yields ESTree nodes (`Literal`, `Property`); new nodes must use the same shapes. */
export function usesEstreeShapes(parser: ParserName): boolean {
  return parser === 'babel';
}
