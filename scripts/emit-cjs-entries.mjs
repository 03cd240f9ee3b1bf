#!/usr/bin/env node
/**
 * After an ESM-only tsup build: for every `dist/<entry>.js` named on the
 * command line, writes `dist/<entry>.cjs` (`module.exports = require('./<entry>.js')`,
 * which Node >= 20.19 serves with `require(esm)`, so CommonJS callers get the
 * very same classes as ESM callers) and a `.d.cts` type tree mirroring the
 * `.d.ts` one, so TypeScript's CommonJS resolution (node16, node10) finds types.
 *
 * Usage (in a package): node ../../scripts/emit-cjs-entries.mjs index interop ...
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = join(process.cwd(), 'dist');
const entries = process.argv.slice(2);
if (entries.length === 0) {
  console.error('emit-cjs-entries: name at least one entry (e.g. index)');
  process.exit(2);
}

for (const entry of entries) {
  const esm = join(dist, `${entry}.js`);
  if (!existsSync(esm)) {
    console.error(`emit-cjs-entries: ${esm} does not exist (build first)`);
    process.exit(1);
  }
  writeFileSync(
    join(dist, `${entry}.cjs`),
    `'use strict';\n// CommonJS entry: the ESM build itself (require(esm), Node >= 20.19), so both share one copy of every class.\nmodule.exports = require('./${entry}.js');\n`,
  );
}

// Every declaration file gets a CommonJS twin whose relative imports point at twins too.
for (const file of readdirSync(dist)) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(join(dist, file), 'utf8');
  const twin = text.replace(/(from\s+|import\(\s*)(['"])(\.\.?\/[^'"]+?)\.js\2/g, '$1$2$3.cjs$2');
  writeFileSync(join(dist, file.replace(/\.d\.ts$/, '.d.cts')), twin);
}
