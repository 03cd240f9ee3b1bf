/**
 * Shell blocks are not run (they install, build, serve), but what they name
 * must exist: `pnpm <script>` and `pnpm --filter <package> <script>`, the
 * packages `npm install` and `npx` fetch (published ones), the codemods CLI's
 * commands, files given to `node`, and paths into an installed sessionkit
 * package (which must be in its tarball). A `$ ` prompt marks the command
 * lines of a block that also shows output.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** pnpm commands that are not scripts. */
const PNPM_BUILTINS = new Set([
  'install',
  'i',
  'add',
  'remove',
  'rm',
  'update',
  'up',
  'exec',
  'dlx',
  'create',
  'pack',
  'publish',
  'why',
  'list',
  'ls',
  'store',
  'outdated',
  'rebuild',
  'prune',
  'link',
  'unlink',
  'import',
  'audit',
  'config',
  'env',
  'init',
  'fetch',
  'patch',
  'deploy',
  'licenses',
  'root',
  'bin',
  'setup',
  'self-update',
  'approve-builds',
]);
/** Commands pnpm hands to npm whatever the scripts say: `pnpm docs` opens a browser, `pnpm run docs` runs the script. */
const PNPM_TO_NPM = new Set([
  'access',
  'adduser',
  'bugs',
  'deprecate',
  'dist-tag',
  'docs',
  'edit',
  'info',
  'login',
  'logout',
  'owner',
  'ping',
  'prefix',
  'profile',
  'pkg',
  'repo',
  's',
  'search',
  'set-script',
  'show',
  'star',
  'stars',
  'team',
  'token',
  'unpublish',
  'unstar',
  'v',
  'version',
  'view',
  'whoami',
  'xmas',
]);
const PNPM_FLAGS_WITH_VALUE = new Set(['--filter', '-F', '--dir', '-C', '--workspace-root', '--reporter']);

/**
 * @param {string} code
 * @param {object} context
 * @param {string} context.root
 * @param {{ packages: { name: string, dir: string, manifest: Record<string, any>, published: boolean }[], rootScripts: Record<string, string> }} context.workspace
 * @param {string[] | undefined} context.codemodCommands what `npx @sessionkit/codemods` accepts first (undefined: not built)
 * @returns {{ commands: number, problems: string[] }}
 */
export function checkShell(code, { root, workspace, codemodCommands }) {
  const rootScripts = workspace.rootScripts;
  const lines = code.split('\n');
  const prompted = lines.some((line) => line.startsWith('$ '));
  const commandLines = lines.filter((line) => !prompted || line.startsWith('$ ')).map((line) => (prompted ? line.slice(2) : line));
  const problems = [];
  let commands = 0;
  for (const line of commandLines) {
    for (const command of splitCommands(stripComment(line))) {
      const words = command.split(/\s+/).filter(Boolean).map(unquote);
      if (words.length === 0) continue;
      commands++;
      const problem = checkCommand(words, { root, workspace, rootScripts, codemodCommands });
      if (problem !== undefined) problems.push(`\`${command.trim()}\`: ${problem}`);
      for (const word of words) {
        const inPackage = /(?:^|\/)node_modules\/(@sessionkit\/[^/]+)\/(.+)$/.exec(word);
        if (!inPackage) continue;
        const pkg = workspace.packages.find((candidate) => candidate.name === inPackage[1]);
        if (pkg === undefined || !pkg.published) problems.push(`\`${word}\`: ${inPackage[1]} is not a published package`);
        else if (!existsSync(join(pkg.dir, inPackage[2]))) problems.push(`\`${word}\`: ${inPackage[1]} has no ${inPackage[2]} (after a build)`);
        else if (!inFiles(pkg.manifest, inPackage[2])) problems.push(`\`${word}\`: ${inPackage[2]} is not in ${inPackage[1]}'s published files`);
      }
    }
  }
  return { commands, problems };
}

function checkCommand(words, { root, workspace, rootScripts, codemodCommands }) {
  const [program, ...args] = words;
  if (program === 'pnpm') {
    let filter;
    let i = 0;
    while (i < args.length && args[i].startsWith('-')) {
      if (PNPM_FLAGS_WITH_VALUE.has(args[i])) {
        if (args[i] === '--filter' || args[i] === '-F') filter = args[i + 1];
        i += 2;
      } else i++;
    }
    const command = args[i] === 'run' ? args[i + 1] : args[i];
    if (args[i] !== 'run' && PNPM_TO_NPM.has(command)) {
      return rootScripts[command] === undefined
        ? undefined
        : `\`pnpm ${command}\` runs npm's own \`${command}\` command, not the script: write \`pnpm run ${command}\``;
    }
    if (command === undefined || (PNPM_BUILTINS.has(command) && args[i] !== 'run')) return undefined;
    if (filter !== undefined) {
      const name = filter.replace(/^\.\.\.|\^?\.\.\.$/g, '').replace(/^\^/, '');
      const pkg = workspace.packages.find((candidate) => candidate.name === name);
      if (pkg === undefined) return `no workspace package ${name}`;
      return command === 'test' || pkg.manifest.scripts?.[command] !== undefined ? undefined : `${name} has no script '${command}'`;
    }
    return rootScripts[command] !== undefined ? undefined : `the root package.json has no script '${command}'`;
  }
  if (program === 'npm' && ['install', 'i', 'add'].includes(args[0])) {
    for (const spec of args.slice(1).filter((arg) => !arg.startsWith('-'))) {
      const name = spec.replace(/(.)@[^@/]*$/, '$1');
      if (name.startsWith('@sessionkit/') && !workspace.packages.some((pkg) => pkg.name === name && pkg.published)) return `${name} is not a published package`;
    }
    return undefined;
  }
  if (program === 'npx') {
    const rest = args.filter((arg, index) => !(arg.startsWith('-') && index === 0));
    const [spec, first] = rest;
    if (spec === undefined) return undefined;
    const name = spec.replace(/(.)@[^@/]*$/, '$1');
    if (name.startsWith('@sessionkit/') && !workspace.packages.some((pkg) => pkg.name === name && pkg.published)) return `${name} is not a published package`;
    if (name === '@sessionkit/codemods' && codemodCommands !== undefined && first !== undefined && !first.startsWith('-') && !codemodCommands.includes(first)) {
      return `the codemods CLI has no command '${first}' (it has ${codemodCommands.join(', ')})`;
    }
    return undefined;
  }
  if (program === 'node') {
    const script = args.find((arg) => !arg.startsWith('-'));
    if (script === undefined || !/\.[cm]?js$/.test(script) || script.startsWith('./')) return undefined; // ./x.mjs: the reader's own file
    return existsSync(join(root, script)) ? undefined : `${script} does not exist (after a build)`;
  }
  return undefined;
}

/** Whether a package-relative path is covered by the manifest's `files`. */
function inFiles(manifest, path) {
  const files = manifest.files ?? ['.'];
  return files.some((entry) => {
    const clean = entry.replace(/^\.\//, '').replace(/\/$/, '');
    return clean === '.' || path === clean || path.startsWith(`${clean}/`);
  });
}

function stripComment(line) {
  let quote;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

function splitCommands(line) {
  return line.split(/&&|\|\||;|\|/);
}

function unquote(word) {
  return word.replace(/^(['"])(.*)\1$/, '$2');
}
