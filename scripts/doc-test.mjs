#!/usr/bin/env node
/**
 * The doc test: every fenced block of README.md, packages/*\/README.md,
 * apps/*\/README.md and docs/**\/*.md, checked as a reader would use it.
 *
 * - ts/js blocks run, each as its own ES module (ts: type-checked, then
 *   transpiled), against the built packages through a scratch project that
 *   links the workspace; environment: PATH and HOME only, so a snippet that
 *   needs a variable must say how it gets one.
 * - A block that uses Redis (imports @sessionkit/store-redis, mentions
 *   REDIS_URL, or is marked `redis`) gets REDIS_URL of a private
 *   redis-server, and runs twice against it: pasted twice, it must work twice.
 * - sh blocks: what they name must exist (scripts, packages, files, codemods commands).
 * - json blocks must parse.
 * - `<!-- doctest: skip (reason) -->` / `partial` / `redis` / `env NAME=value`
 *   before a fence change that (docs/CONTRIBUTING-docs.md).
 *
 *   node scripts/doc-test.mjs                 (after `pnpm build`; `pnpm test:docs` builds first)
 *   node scripts/doc-test.mjs packages/core   only files under these paths
 *   node scripts/doc-test.mjs --verbose       also list every block that passed
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { root } from './lib/workspace.mjs';
import { DATA_LANGUAGES, PROGRAM_LANGUAGES, SHELL_LANGUAGES, extractBlocks } from './doc-test/markdown.mjs';
import { linkWorkspace, readWorkspace } from './doc-test/scratch.mjs';
import { checkShell } from './doc-test/shell.mjs';

const verbose = process.argv.includes('--verbose');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const RUN_TIMEOUT_MS = 30_000;

const workspace = readWorkspace();
const files = markdownFiles().filter((file) => only.length === 0 || only.some((prefix) => file.startsWith(prefix)));
const blocks = files.flatMap((file) => extractBlocks(join(root, file), file));
const scratch = mkdtempSync(join(tmpdir(), 'sessionkit-doc-test-'));
let redis;
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** @type {Map<import('./doc-test/markdown.mjs').Block, { status: 'passed' | 'failed' | 'skipped' | 'partial' | 'text', kind: string, detail?: string }>} */
const outcomes = new Map();
try {
  linkWorkspace(scratch, workspace);
  const codemodCommands = await codemodsCommands();
  const runnable = [];
  for (const block of blocks) {
    const { directives, lang } = block;
    if (directives.problems.length > 0) {
      outcomes.set(block, { status: 'failed', kind: 'directive', detail: `doctest comment: ${directives.problems.join('; ')}` });
    } else if (directives.mode === 'skip') {
      outcomes.set(block, { status: 'skipped', kind: lang || 'text', detail: directives.reason });
    } else if (lang in PROGRAM_LANGUAGES) {
      if (directives.mode === 'partial') outcomes.set(block, parses(block));
      else runnable.push(block);
    } else if (SHELL_LANGUAGES.has(lang)) {
      if (directives.mode === 'partial') outcomes.set(block, { status: 'partial', kind: 'sh' });
      else {
        const { commands, problems } = checkShell(block.code, { root, workspace, codemodCommands });
        outcomes.set(
          block,
          problems.length === 0
            ? { status: 'passed', kind: 'sh', detail: `${commands} command(s) checked` }
            : { status: 'failed', kind: 'sh', detail: problems.join('\n') },
        );
      }
    } else if (DATA_LANGUAGES.has(lang)) {
      outcomes.set(block, directives.mode === 'partial' ? { status: 'partial', kind: lang } : parsesAsJson(block));
    } else {
      outcomes.set(block, { status: 'text', kind: lang || 'text' });
    }
  }

  const typeErrors = typecheck(runnable);
  if (runnable.some(needsRedis)) redis = await startRedis();
  await pool(
    runnable.map((block, index) => async () => outcomes.set(block, await runBlock(block, index, typeErrors.get(block)))),
    2,
  );
} finally {
  await redis?.server?.stop();
}

report();

/** Every Markdown file the doc test reads, repository-relative, in a stable order. */
function markdownFiles() {
  const found = ['README.md'];
  for (const group of ['packages', 'apps']) {
    for (const folder of readdirSync(join(root, group)).sort())
      if (existsSync(join(root, group, folder, 'README.md'))) found.push(`${group}/${folder}/README.md`);
  }
  const walk = (dir) => {
    if (!existsSync(join(root, dir))) return;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && path !== 'docs/api') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(path);
    }
  };
  walk('docs');
  return found;
}

/** What `npx @sessionkit/codemods <command>` accepts, from the built package (undefined when not built). */
async function codemodsCommands() {
  const entry = join(root, 'packages', 'codemods', 'dist', 'index.js');
  if (!existsSync(entry)) return undefined;
  const { codemods } = await import(pathToFileURL(entry).href);
  return ['list', ...codemods.map((codemod) => codemod.name)];
}

function needsRedis(block) {
  return block.directives.redis || /@sessionkit\/store-redis|REDIS_URL/.test(block.code);
}

/** A partial block must still parse. */
function parses(block) {
  const ext = PROGRAM_LANGUAGES[block.lang];
  const { diagnostics = [] } = ts.transpileModule(block.code, {
    fileName: `block.${ext.replace('m', '').replace('c', '') || 'ts'}`,
    reportDiagnostics: true,
    compilerOptions: { allowJs: true },
  });
  if (diagnostics.length === 0) return { status: 'partial', kind: block.lang };
  return { status: 'failed', kind: block.lang, detail: `does not parse (a partial block must): ${formatDiagnostics(diagnostics, block)}` };
}

function parsesAsJson(block) {
  try {
    JSON.parse(block.lang === 'jsonc' ? block.code.replace(/^\s*\/\/.*$/gm, '') : block.code);
    return { status: 'passed', kind: block.lang };
  } catch (error) {
    return { status: 'failed', kind: block.lang, detail: `not valid JSON: ${error.message}` };
  }
}

/** Type-checks every runnable ts block in one program, each as its own module. */
function typecheck(runnable) {
  const files = new Map();
  runnable.forEach((block, index) => {
    const ext = PROGRAM_LANGUAGES[block.lang];
    if (!['mts', 'cts'].includes(ext)) return;
    const dir = join(scratch, `block-${index}`);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `main.${ext}`);
    writeFileSync(path, block.code);
    files.set(path, block);
  });
  const errors = new Map();
  if (files.size === 0) return errors;
  const options = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  };
  const program = ts.createProgram([...files.keys()], options);
  for (const [path, block] of files) {
    const source = program.getSourceFile(path);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    if (diagnostics.length > 0) errors.set(block, formatDiagnostics(diagnostics, block));
  }
  return errors;
}

/** Runs one block (twice when it uses Redis); a type error fails it even when it runs. */
async function runBlock(block, index, typeError) {
  const ext = PROGRAM_LANGUAGES[block.lang];
  const dir = join(scratch, `block-${index}`);
  mkdirSync(dir, { recursive: true });
  const runExt = ext === 'mts' ? 'mjs' : ext === 'cts' ? 'cjs' : ext;
  const code =
    ext === 'mts' || ext === 'cts'
      ? ts.transpileModule(block.code, {
          fileName: `main.${ext}`,
          compilerOptions: {
            module: ext === 'mts' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
            target: ts.ScriptTarget.ES2022,
            sourceMap: false,
            inlineSourceMap: true,
            inlineSources: true,
          },
        }).outputText
      : block.code;
  const file = join(dir, `main.${runExt}`);
  writeFileSync(file, code);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...block.directives.env };
  const withRedis = needsRedis(block);
  if (withRedis) {
    if (redis.url === undefined) return { status: redis.failInCi ? 'failed' : 'skipped', kind: block.lang, detail: redis.reason };
    env.REDIS_URL = redis.url;
  }
  const runs = withRedis ? ['first run', 'second run (same Redis: a reader pastes a quick start twice)'] : ['run'];
  for (const label of runs) {
    const result = await run(process.execPath, ['--enable-source-maps', file], dir, env);
    if (result.status !== 0) {
      const at = lineInBlock(result.output, join(dir, `main.${ext}`));
      const types = typeError === undefined ? '' : `\nand it does not type-check:\n${typeError}`;
      return {
        status: 'failed',
        kind: block.lang,
        detail: `${label} exited ${result.status}${at === undefined ? '' : ` at ${block.file}:${block.line + at}`}:\n${tail(result.output)}${types}`,
      };
    }
  }
  if (typeError !== undefined) return { status: 'failed', kind: block.lang, detail: `runs, but does not type-check: ${typeError}` };
  return { status: 'passed', kind: block.lang, detail: withRedis ? 'ran twice against one Redis' : undefined };
}

/**
 * The line of the block (1-based) that the first stack frame in the block's own
 * source points at: `main.mts` through the source map, `main.mjs` for js. A
 * syntax error in transpiled ts names `main.mjs`, whose lines differ: not mapped.
 */
function lineInBlock(output, source) {
  const escaped = source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+)`).exec(output);
  return match === null ? undefined : Number(match[1]);
}

/** A private redis-server from core's test kit; without one, Redis blocks are skipped (failed under CI). */
async function startRedis() {
  const testing = join(root, 'packages', 'core', 'dist', 'testing.js');
  const { isRedisServerAvailable, startRedisServer } = await import(pathToFileURL(testing).href);
  if (!isRedisServerAvailable()) {
    const reason = 'redis-server is not on PATH (apt-get install redis-server)';
    console.error(`doc-test: ${reason}: the blocks that use Redis are ${process.env.CI ? 'failed' : 'skipped'}`);
    return { url: undefined, reason, failInCi: Boolean(process.env.CI) };
  }
  const server = await startRedisServer();
  return { server, url: server.url };
}

function formatDiagnostics(diagnostics, block) {
  return diagnostics
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${block.file}:${block.line + line + 1}: ${message}`;
    })
    .join('\n');
}

function run(command, args, cwd, env) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(still running after ${RUN_TIMEOUT_MS / 1000} s: killed. A block that serves or waits must be marked skip.)`;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolvePromise({ status: status ?? signal, output: output.trim() });
    });
  });
}

async function pool(jobs, size) {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (queue.length > 0) await queue.shift()();
    }),
  );
}

/** The error's own line first (what a reader sees last in a terminal), then the start of the output. */
function tail(output) {
  const lines = output.split('\n').filter((line) => !/^\s+at (node:|.*node_modules|async Promise)/.test(line));
  const headline = lines.find((line) => /^(\w*Error|Error)\b.*?:/.test(line));
  return [...(headline === undefined ? [] : [headline, '']), ...lines.slice(0, 12)].join('\n');
}

function report() {
  const byFile = new Map(files.map((file) => [file, []]));
  for (const block of blocks) byFile.get(block.file).push(block);
  const counts = (list, status) => list.filter((block) => outcomes.get(block).status === status).length;
  console.log('\n| file | code blocks | passed | failed | skipped | partial |\n|---|---:|---:|---:|---:|---:|');
  for (const [file, list] of byFile) {
    const code = list.filter((block) => outcomes.get(block).status !== 'text');
    console.log(
      `| ${file} | ${code.length} | ${counts(code, 'passed')} | ${counts(code, 'failed')} | ${counts(code, 'skipped')} | ${counts(code, 'partial')} |`,
    );
  }
  const failed = blocks.filter((block) => outcomes.get(block).status === 'failed');
  for (const block of blocks) {
    const outcome = outcomes.get(block);
    if (outcome.status === 'failed') console.error(`\n✖ ${block.file}:${block.line} (${outcome.kind})\n${indent(outcome.detail ?? '')}`);
    else if (verbose && outcome.status !== 'text')
      console.log(`  ${outcome.status.padEnd(7)} ${block.file}:${block.line} (${outcome.kind})${outcome.detail ? `: ${outcome.detail}` : ''}`);
  }
  const total = blocks.filter((block) => outcomes.get(block).status !== 'text').length;
  console.log(
    `\ndoc-test: ${total} code blocks in ${files.length} files: ${counts(blocks, 'passed')} passed, ${failed.length} failed, ${counts(blocks, 'skipped')} skipped, ${counts(blocks, 'partial')} partial`,
  );
  process.exitCode = failed.length === 0 ? 0 : 1;
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
