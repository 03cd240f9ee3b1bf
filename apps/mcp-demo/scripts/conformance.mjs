#!/usr/bin/env node
// `pnpm --filter @sessionkit/mcp-demo conformance`: runs the official MCP
// conformance suite's server scenarios against the built demo over HTTP and
// prints, per scenario, how many checks passed, failed, warned. Two suite
// releases: 0.1.16 (the 2025-era scenarios) and 0.2.0-alpha.12 (the
// 2026-07-28 scenarios). Many scenarios call fixture tools, prompts and
// resources of the suite's own reference server ("test_simple_text", …) that
// this demo does not have; their failures are counted apart, as "n/a".
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const demo = join(here, '..');
const require = createRequire(join(demo, 'package.json'));
const shim = join(here, 'node20-fs-glob', 'register.mjs');

const SUITES = [
  { label: '0.1.16', package: '@modelcontextprotocol/conformance', listArgs: [] },
  { label: '0.2.0-alpha.12, 2026-07-28', package: '@modelcontextprotocol/conformance-next', listArgs: ['--spec-version', '2026-07-28'] },
];

/** A failed check that needs what only the suite's reference server has (its fixture tools, prompts, resources, logging). */
const NOT_APPLICABLE = /Not testable|Tool (test_|json_schema_)\w* not found|not found\. Available tools|Method not found|-32601/;
/** Failed checks of scenarios that need a tool returning InputRequiredResult (multi-round input); the demo has none. */
const NEEDS_INPUT_REQUIRED_TOOL = /^input-required-result-/;

function cliOf(pkg) {
  const manifest = require.resolve(`${pkg}/package.json`);
  return join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.conformance);
}

function run(cli, args, timeoutMs) {
  const result = spawnSync(process.execPath, ['--import', shim, cli, ...args], { encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function startDemo() {
  const entry = join(demo, 'dist', 'server.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run pnpm --filter @sessionkit/mcp-demo build first`);
  const child = spawn(process.execPath, [entry, '--http', '0'], {
    env: { PATH: process.env.PATH ?? '', SESSIONKIT_SECRET_KEYS: 'conformance-run-key', SESSIONKIT_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /Streamable HTTP on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}):\n${stderr}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function checksOf(outputDir) {
  const checks = [];
  for (const file of readdirSync(outputDir, { recursive: true }).map(String)) {
    if (file.endsWith('checks.json')) checks.push(...JSON.parse(readFileSync(join(outputDir, file), 'utf8')));
  }
  return checks;
}

const { url, stop } = await startDemo();
const rows = [];
try {
  for (const suite of SUITES) {
    const cli = cliOf(suite.package);
    const listed = run(cli, ['list', '--server', ...suite.listArgs], 60_000).output;
    const scenarios = [...listed.matchAll(/^\s+- ([a-z0-9-]+) \[([^\]]*)\]/gm)].filter(([, , versions]) => !/extension/.test(versions)).map(([, name]) => name);
    for (const scenario of scenarios) {
      const outputDir = mkdtempSync(join(tmpdir(), 'conformance-'));
      const ran = run(cli, ['server', '--url', url, '--scenario', scenario, '-o', outputDir], 120_000);
      const checks = checksOf(outputDir);
      rmSync(outputDir, { recursive: true, force: true });
      const count = (predicate) => checks.filter(predicate).length;
      const failed = checks.filter((check) => check.status === 'FAILURE');
      const na = failed.filter(
        (check) => NOT_APPLICABLE.test(`${check.errorMessage ?? ''} ${JSON.stringify(check.details ?? {})}`) || NEEDS_INPUT_REQUIRED_TOOL.test(scenario),
      );
      rows.push({
        suite: suite.label,
        scenario,
        passed: count((check) => check.status === 'SUCCESS'),
        failed: failed.length - na.length,
        na: na.length,
        warnings: count((check) => check.status === 'WARNING'),
        ran: checks.length > 0 ? 'yes' : `no (exit ${ran.status})`,
        failures: failed.filter((check) => !na.includes(check)).map((check) => `${check.id}: ${(check.errorMessage ?? '').slice(0, 120)}`),
      });
      process.stderr.write(`${suite.label} ${scenario}: ${rows.at(-1).passed} passed, ${rows.at(-1).failed} failed, ${rows.at(-1).na} n/a\n`);
    }
  }
} finally {
  stop();
}

console.log("| suite | scenario | passed | failed | n/a (needs the suite's fixture server) | warnings |");
console.log('|---|---|---:|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.suite} | \`${row.scenario}\` | ${row.passed} | ${row.failed} | ${row.na} | ${row.warnings} |`);
for (const suite of SUITES) {
  const own = rows.filter((row) => row.suite === suite.label);
  const sum = (key) => own.reduce((total, row) => total + row[key], 0);
  console.log(
    `\n${suite.label}: ${own.length} scenarios, ${sum('passed')} checks passed, ${sum('failed')} failed, ${sum('na')} n/a, ${sum('warnings')} warnings`,
  );
}
const ours = rows.flatMap((row) => row.failures.map((failure) => `${row.suite} ${row.scenario}: ${failure}`));
if (ours.length > 0) console.log(`\nFailures that are not about missing fixtures:\n${ours.map((line) => `- ${line}`).join('\n')}`);
