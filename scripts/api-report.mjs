#!/usr/bin/env node
/**
 * The API report: for every published package and every entry in its
 * exports map, API Extractor writes `packages/<name>/api/<entry>.api.md`, the
 * whole public surface (names and signatures) as reviewable text. Commit it
 * with the change that moves it.
 *
 *   node scripts/api-report.mjs          rewrite the reports (after `pnpm build`)
 *   node scripts/api-report.mjs --check  fail if a report is out of date (CI)
 *   node scripts/api-report.mjs core     only these package folders
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const check = process.argv.includes('--check');
/** Package folders named on the command line (default: every published package). */
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const root = resolve(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');
let stale = 0;

for (const dir of readdirSync(packagesDir)) {
  const packageDir = join(packagesDir, dir);
  const manifestPath = join(packageDir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.private || (only.length > 0 && !only.includes(dir))) continue;
  const reportFolder = join(packageDir, 'api');
  mkdirSync(reportFolder, { recursive: true });
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const types = target?.import?.types;
    if (typeof types !== 'string') continue;
    const entry = subpath === '.' ? 'index' : subpath.slice(2).replaceAll('/', '-');
    const tmp = join(packageDir, 'api', '.tmp');
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: packageDir,
        mainEntryPointFilePath: join(packageDir, types),
        apiReport: { enabled: true, reportFileName: `${entry}.api.md`, reportFolder, reportTempFolder: tmp },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              target: 'ES2022',
              module: 'NodeNext',
              moduleResolution: 'NodeNext',
              lib: ['ES2023'],
              types: ['node'],
              skipLibCheck: true,
              strict: true,
            },
          },
        },
        messages: {
          // No @public/@beta tags here: everything exported is public. TSDoc syntax is typedoc's to check.
          extractorMessageReporting: {
            default: { logLevel: 'warning' },
            'ae-missing-release-tag': { logLevel: 'none' },
            'ae-undocumented': { logLevel: 'none' },
            // typedoc asks setters for docs of their own; API Extractor would keep them on the getter only.
            'ae-setter-with-docs': { logLevel: 'none' },
            // A subpath refers to the root's types on purpose; only the root must export all it mentions.
            'ae-forgotten-export': { logLevel: subpath === '.' ? 'warning' : 'none' },
          },
          tsdocMessageReporting: { default: { logLevel: 'none' } },
        },
      },
      configObjectFullPath: undefined,
      packageJsonFullPath: manifestPath,
    });
    const result = Extractor.invoke(config, { localBuild: !check, showVerboseMessages: false, messageCallback: quiet });
    rmSync(tmp, { recursive: true, force: true });
    if (result.apiReportChanged) {
      stale++;
      console.log(`${check ? 'OUT OF DATE' : 'updated'}: ${manifest.name}${subpath === '.' ? '' : subpath.slice(1)} (packages/${dir}/api/${entry}.api.md)`);
    }
    if (!result.succeeded && !result.apiReportChanged) {
      console.error(`api-report: API Extractor failed on ${manifest.name} ${subpath}`);
      process.exitCode = 1;
    }
  }
}

if (check && stale > 0) {
  console.error(`\napi-report: ${stale} report(s) differ from the built packages: run \`pnpm api:report\` and commit the diff (with a changeset).`);
  process.exitCode = 1;
} else if (!check) {
  console.log(stale === 0 ? 'api-report: every report is current' : `api-report: ${stale} report(s) rewritten`);
}

/** Keeps API Extractor's progress chatter out of the output; warnings and errors still print. */
function quiet(message) {
  if (message.logLevel === 'info' || message.logLevel === 'verbose') message.handled = true;
}
