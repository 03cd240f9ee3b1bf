#!/usr/bin/env node
/**
 * The install matrix: what a user gets from `npm install <tarball>`.
 *
 * Packs every published package, installs each tarball into its own fresh
 * scratch project with npm (no workspace links: sessionkit packages come from
 * their tarballs, everything else from the registry through the npm cache),
 * then for each package compiles and runs a consumer that imports its root
 * and every subpath as ESM and as CommonJS, and type-checks it under
 * TypeScript's `moduleResolution` node16 (from ESM and from CJS), bundler and
 * node10. Then `npx @sessionkit/codemods --version` and a migration with the
 * installed CLI. Prints the table; exits 1 on any failure.
 *
 *   node scripts/install-matrix.mjs          (after `pnpm build`; `pnpm test:install` builds first)
 *   node scripts/install-matrix.mjs --keep   leave the scratch projects in place and print where
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { checkCodemodsCli } from './install-matrix/codemods-cli.mjs';
import { RESOLUTIONS, consumerSource, writeConsumer } from './install-matrix/consumer.mjs';
import { typecheck } from './install-matrix/typecheck.mjs';
import { pack, publishedPackages, root } from './lib/workspace.mjs';

const keep = process.argv.includes('--keep');
const COLUMNS = ['esm', 'cjs', ...Object.keys(RESOLUTIONS)];
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

const scratch = mkdtempSync(join(tmpdir(), 'sessionkit-install-matrix-'));
const cleanUp = () => {
  if (!keep) rmSync(scratch, { recursive: true, force: true });
};
process.on('exit', cleanUp);

const packages = publishedPackages();
const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// 1. Pack: the same tarballs `pnpm publish` would upload.
const tarballDir = join(scratch, 'tarballs');
mkdirSync(tarballDir);
const tarballs = new Map(packages.map((pkg) => [pkg.name, pack(pkg.dir, tarballDir)]));
console.log(`packed ${packages.length} packages (${elapsed()}): ${packages.map((pkg) => pkg.name).join(', ')}`);

// 2. One fresh project per package, so a dependency a package forgot to declare is missing there.
for (const pkg of packages) {
  writeConsumer({ dir: consumerDir(pkg), pkg, byName, tarballs, typesNodeRange: rootManifest.devDependencies['@types/node'] });
}
const installs = await Promise.all(
  packages.map((pkg) =>
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--no-package-lock', '--loglevel=error'],
      consumerDir(pkg),
      300_000,
    ),
  ),
);
console.log(`installed ${packages.length} scratch projects with npm (${elapsed()})`);

// 3. The matrix.
/** @type {Map<string, Record<string, { ok: boolean, detail: string }>>} */
const results = new Map();
const jobs = [];
packages.forEach((pkg, index) => {
  const row = {};
  results.set(pkg.name, row);
  const dir = consumerDir(pkg);
  const install = installs[index];
  if (install.status !== 0) {
    for (const column of COLUMNS) row[column] = { ok: false, detail: `npm install failed:\n${install.output}` };
    return;
  }
  const source = consumerSource(pkg);
  jobs.push(async () => {
    writeFileSync(join(dir, 'consumer.mjs'), transpile(source, ts.ModuleKind.ESNext));
    row.esm = outcome(await run(process.execPath, ['consumer.mjs'], dir));
  });
  jobs.push(async () => {
    writeFileSync(join(dir, 'consumer.cjs'), transpile(source, ts.ModuleKind.CommonJS));
    row.cjs = outcome(await run(process.execPath, ['consumer.cjs'], dir));
  });
});
await pool(jobs, 2);
console.log(`ran ${jobs.length} consumers as ESM and CommonJS (${elapsed()})`);
packages.forEach((pkg, index) => {
  if (installs[index].status !== 0) return;
  for (const resolution of Object.keys(RESOLUTIONS)) results.get(pkg.name)[resolution] = typecheck(consumerDir(pkg), `tsconfig.${resolution}.json`);
});
console.log(`type-checked ${packages.length} consumers under ${Object.keys(RESOLUTIONS).join(', ')} (${elapsed()})`);

// 4. The codemods CLI from its tarball.
const codemods = byName.get('@sessionkit/codemods');
const cliChecks =
  codemods === undefined || installs[packages.indexOf(codemods)].status !== 0
    ? [{ name: 'npx @sessionkit/codemods', ok: false, detail: codemods === undefined ? 'no @sessionkit/codemods package' : 'its install failed' }]
    : checkCodemodsCli({
        codemodsDir: consumerDir(codemods),
        coreDir: byName.has('@sessionkit/core') ? consumerDir(byName.get('@sessionkit/core')) : undefined,
        version: codemods.version,
      });

// 5. Report.
const failures = [];
const nameWidth = Math.max(...packages.map((pkg) => pkg.name.length), 'package'.length);
const widths = COLUMNS.map((column) => Math.max(column.length, 'FAIL'.length));
const line = (cells) =>
  `| ${cells[0].padEnd(nameWidth)} | ${cells
    .slice(1)
    .map((cell, i) => cell.padEnd(widths[i]))
    .join(' | ')} |`;
console.log(`\n${line(['package', ...COLUMNS])}`);
console.log(`|${'-'.repeat(nameWidth + 2)}|${widths.map((width) => `:${'-'.repeat(width)}:`).join('|')}|`);
for (const [name, row] of results) {
  console.log(line([name, ...COLUMNS.map((column) => (row[column]?.ok ? 'pass' : 'FAIL'))]));
  for (const column of COLUMNS) if (!row[column]?.ok) failures.push({ what: `${name} × ${column}`, detail: row[column]?.detail ?? 'not run' });
}
console.log('');
for (const check of cliChecks) {
  console.log(`${check.ok ? 'pass' : 'FAIL'}  ${check.name}`);
  if (!check.ok) failures.push({ what: check.name, detail: check.detail });
}
for (const { what, detail } of failures) console.error(`\n✖ ${what}\n${indent(detail)}`);
if (keep) console.log(`\nscratch projects kept in ${scratch}`);
console.log(`\ninstall-matrix: ${failures.length === 0 ? 'every check passed' : `${failures.length} check(s) failed`} (${elapsed()})`);
process.exitCode = failures.length === 0 ? 0 : 1;

function consumerDir(pkg) {
  return join(scratch, 'consumers', pkg.folder);
}

/** Transpile only: type errors are the resolution columns' business. */
function transpile(source, module) {
  return ts.transpileModule(source, { compilerOptions: { module, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
}

function outcome({ status, output }) {
  return { ok: status === 0, detail: output || `exit ${status}` };
}

/** Runs a command to completion, output captured; a hung one is killed at `timeoutMs`. */
function run(command, args, cwd, timeoutMs = 120_000) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(killed after ${timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, output: output.trim() });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolvePromise({ status: -1, output: String(error) });
    });
  });
}

/** Runs the jobs, at most `size` at a time (the CI machine has two cores). */
async function pool(list, size) {
  const queue = [...list];
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (queue.length > 0) await queue.shift()();
    }),
  );
}

function indent(text) {
  return text
    .split('\n')
    .slice(0, 25)
    .map((l) => `    ${l}`)
    .join('\n');
}
