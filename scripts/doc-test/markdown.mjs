/**
 * Fenced code blocks of a Markdown file, with the doc-test directives written
 * in an HTML comment on the last non-blank line before the fence:
 *
 *   <!-- doctest: skip (needs a model endpoint) -->
 *   <!-- doctest: partial -->
 *   <!-- doctest: redis, env SESSION_KEY=doctest-key -->
 *
 * (docs/CONTRIBUTING-docs.md describes them for writers.)
 */
import { readFileSync } from 'node:fs';

/** Languages whose blocks are programs, and the file extension each runs as. */
export const PROGRAM_LANGUAGES = { ts: 'mts', typescript: 'mts', mts: 'mts', cts: 'cts', js: 'mjs', javascript: 'mjs', mjs: 'mjs', cjs: 'cjs' };
/** Languages whose blocks are shell commands. */
export const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);
/** Languages whose blocks are data that must parse. */
export const DATA_LANGUAGES = new Set(['json', 'jsonc']);

const DIRECTIVE = /^\s*<!--\s*doctest:\s*(.*?)\s*-->\s*$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/;

/**
 * @typedef {object} Directives
 * @property {'skip' | 'partial' | undefined} mode
 * @property {string | undefined} reason
 * @property {boolean} redis
 * @property {Record<string, string>} env
 * @property {string[]} problems directives that could not be understood
 */

/**
 * @typedef {object} Block
 * @property {string} file repository-relative path
 * @property {number} line 1-based line of the opening fence
 * @property {string} lang the info string's first word, lower-case ('' when none)
 * @property {string} code
 * @property {Directives} directives
 */

/**
 * @param {string} path absolute path
 * @param {string} file repository-relative path, for reports
 * @returns {Block[]}
 */
export function extractBlocks(path, file) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks = [];
  let open; // { indent, fence, lang, line, body, directives }
  let lastNonBlank = '';
  lines.forEach((text, index) => {
    if (open !== undefined) {
      const close = FENCE.exec(text);
      if (close && close[2][0] === open.fence[0] && close[2].length >= open.fence.length && close[3] === '' && close[4].trim() === '') {
        blocks.push({ file, line: open.line, lang: open.lang, code: `${open.body.join('\n')}\n`, directives: open.directives });
        open = undefined;
        lastNonBlank = '';
      } else {
        // Fences inside list items are indented: the body is indented by as much.
        open.body.push(text.startsWith(open.indent) ? text.slice(open.indent.length) : text.trimStart());
      }
      return;
    }
    const fence = FENCE.exec(text);
    if (fence) {
      const directive = DIRECTIVE.exec(lastNonBlank);
      open = { indent: fence[1], fence: fence[2], lang: fence[3].toLowerCase(), line: index + 1, body: [], directives: parseDirectives(directive?.[1]) };
      return;
    }
    if (text.trim() !== '') lastNonBlank = text;
  });
  return blocks;
}

/**
 * `skip (reason)`, `partial [(reason)]`, `redis`, `env NAME=value`, comma-separated.
 * @param {string | undefined} text
 * @returns {Directives}
 */
export function parseDirectives(text) {
  const directives = { mode: undefined, reason: undefined, redis: false, env: {}, problems: [] };
  if (text === undefined) return directives;
  for (const part of splitTopLevel(text)) {
    const match = /^(skip|partial|redis|env)\b\s*(.*)$/.exec(part);
    if (!match) {
      directives.problems.push(`unknown directive '${part}'`);
      continue;
    }
    const [, name, rest] = match;
    if (name === 'skip' || name === 'partial') {
      const reason = /^\((.+)\)$/.exec(rest)?.[1]?.trim();
      if (directives.mode !== undefined) directives.problems.push(`both ${directives.mode} and ${name}`);
      if (name === 'skip' && reason === undefined) directives.problems.push("'skip' needs a reason: skip (why)");
      if (rest !== '' && reason === undefined) directives.problems.push(`'${part}': write the reason in parentheses`);
      directives.mode = name;
      directives.reason = reason;
    } else if (name === 'redis') {
      if (rest !== '') directives.problems.push(`'redis' takes no argument`);
      directives.redis = true;
    } else {
      const assignment = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(rest);
      if (!assignment) directives.problems.push(`'${part}': write env NAME=value`);
      else directives.env[assignment[1]] = assignment[2];
    }
  }
  return directives;
}

/** Splits on commas outside parentheses: `skip (a, b), redis` → two parts. */
function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}
