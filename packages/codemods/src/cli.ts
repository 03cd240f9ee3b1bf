#!/usr/bin/env node
import { transforms } from './registry.js';

const [command] = process.argv.slice(2);
if (command === 'list') {
  for (const transform of transforms) console.log(`${transform.name}  ${transform.description}`);
  process.exit(0);
}
console.error('usage: sessionkit-codemod <transform|all|list> <path...>');
process.exit(2);
