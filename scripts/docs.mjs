#!/usr/bin/env node
/**
 * The API reference: typedoc over every published package, one section per
 * package with one module per entry of its exports map, merged into one site
 * in docs/api/ (git-ignored). Warnings are errors, undocumented exports
 * included; every package is converted and validated before the run fails,
 * so one run lists everything that is missing, grouped by package.
 *
 *   pnpm run docs                   build docs/api (fails, writing nothing, on any warning);
 *                                   (`pnpm docs` is npm's own `docs` command: say `run`)
 *   node scripts/docs.mjs           the same, without building the packages first
 *   node scripts/docs.mjs --check   validate only, write nothing (CI)
 *   node scripts/docs.mjs --draft   build docs/api even with warnings (to preview while writing TSDoc)
 *   node scripts/docs.mjs core mcp  only these package folders
 *
 * Entry points come from each package's exports map: `./dist/<entry>.d.ts`
 * is documented from `src/<entry>.ts` or `src/<entry>/index.ts`; a package
 * whose sources are laid out otherwise lists them in `packages/<folder>/typedoc.json`
 * (`{ "entryPoints": { "./subpath": "src/file.ts" } }`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Application, Logger, LogLevel, TSConfigReader, TypeDocReader } from 'typedoc';
import { codeSubpaths, publishedPackages, root, specifierOf } from './lib/workspace.mjs';

const check = process.argv.includes('--check');
const draft = process.argv.includes('--draft');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const out = join(root, 'docs', 'api');
const UNDOCUMENTED = /^(.+) \((.+)\), defined in (.+), does not have any documentation$/;
/**
 * A member of a type TypeScript inferred (a zod schema's shape, an `as const`
 * table): `sessionStateJsonSchema.__type.topic`. typedoc asks for TSDoc on it
 * too; it is listed, but not required: the exported symbol's own TSDoc covers it.
 */
const INFERRED_MEMBER = /\.__type\./;
/**
 * A link to another published package's symbol: each package is converted on
 * its own, so typedoc cannot see the target yet, but the merged site has it
 * (and links it; `render` validates the merged links).
 */
const SIBLING_LINK = /which was resolved but is not included in the documentation\. To fix this warning export it or add \{ "(@sessionkit\/[^"]+)"/;
const publishedNames = new Set(publishedPackages().map((pkg) => pkg.name));
const isSiblingLink = (message) => publishedNames.has(SIBLING_LINK.exec(message)?.[1] ?? '');

/** Collects what typedoc reports; prints warnings and errors as they come, except "undocumented" (summed up at the end). */
class CollectingLogger extends Logger {
  /** @type {{ level: LogLevel, message: string }[]} */
  messages = [];
  constructor(label) {
    super();
    this.label = label;
  }
  log(message, level) {
    this.messages.push({ level, message });
    if (level >= LogLevel.Warn && !UNDOCUMENTED.test(message.split('\n')[0]) && !isSiblingLink(message)) {
      console.error(`${this.label}: ${level === LogLevel.Error ? 'error' : 'warning'}: ${message}`);
    }
  }
}

const packages = publishedPackages().filter((pkg) => only.length === 0 || only.includes(pkg.folder));
const jsonDir = mkdtempSync(join(tmpdir(), 'sessionkit-docs-'));
/** @type {{ name: string, folder: string, json: string | undefined, undocumented: { name: string, kind: string, where: string }[], inferred: { name: string, kind: string, where: string }[], warnings: string[], errors: string[] }[]} */
const reports = [];
try {
  for (const pkg of packages) reports.push(await convertPackage(pkg));
  const problems = reports.reduce((sum, report) => sum + report.undocumented.length + report.warnings.length + report.errors.length, 0);
  // Merged, every package's warnings have been reported once already: the merge itself must add none.
  printSummary();
  if (problems > 0 && !draft) {
    console.error(
      `\ndocs: ${problems} problem(s); nothing written${check ? '' : ` (\`node scripts/docs.mjs --draft\` builds ${relative(root, out)} anyway, to preview)`}`,
    );
    process.exitCode = 1;
  } else if (!check) {
    await render();
  } else {
    console.log('\ndocs: every exported symbol is documented, no warnings');
  }
} finally {
  rmSync(jsonDir, { recursive: true, force: true });
}

/**
 * The entry points of a package: export subpath → source file.
 * @param {{ dir: string, folder: string, name: string, manifest: Record<string, any> }} pkg
 */
function entryPointsOf(pkg) {
  const overridePath = join(pkg.dir, 'typedoc.json');
  const override = existsSync(overridePath) ? (JSON.parse(readFileSync(overridePath, 'utf8')).entryPoints ?? {}) : {};
  return codeSubpaths(pkg.manifest).map((subpath) => {
    if (override[subpath] !== undefined) return { subpath, file: join(pkg.dir, override[subpath]) };
    const target = pkg.manifest.exports?.[subpath];
    const types = typeof target === 'string' ? target : (target?.import?.types ?? target?.types ?? target?.require?.types);
    const entry = /^\.\/dist\/(.+)\.d\.c?ts$/.exec(types ?? '')?.[1];
    const candidates = entry === undefined ? [] : [`src/${entry}.ts`, `src/${entry}/index.ts`];
    const file = candidates.map((candidate) => join(pkg.dir, candidate)).find((candidate) => existsSync(candidate));
    if (file === undefined) {
      throw new Error(
        `${pkg.name}: no source for ${subpath} (${types}); tried ${candidates.join(', ') || 'nothing'}: name it in packages/${pkg.folder}/typedoc.json`,
      );
    }
    return { subpath, file };
  });
}

/** `paths` for every other published package: import specifier → its source entry point. */
function siblingPaths(pkg) {
  const paths = {};
  for (const sibling of publishedPackages()) {
    if (sibling.name === pkg.name) continue;
    for (const { subpath, file } of entryPointsOf(sibling)) paths[specifierOf(sibling.name, subpath)] = [file];
  }
  return paths;
}

/** Converts and validates one package; keeps its JSON model for the merge. */
async function convertPackage(pkg) {
  const entries = entryPointsOf(pkg);
  // The package's own compiler options over its sources only: its tests need not be compiled for the reference.
  const tsconfig = join(jsonDir, `tsconfig.${pkg.folder}.json`);
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(pkg.dir, 'tsconfig.json'),
      // `types` resolve from the config's folder, and this one lives outside the repository.
      compilerOptions: {
        typeRoots: [join(pkg.dir, 'node_modules', '@types'), join(root, 'node_modules', '@types')],
        // Sibling packages from their sources, not their built .d.ts: a type or link that
        // names another package's symbol is then the very reflection of that package's
        // section, and the merged site links to it.
        paths: siblingPaths(pkg),
      },
      include: [join(pkg.dir, 'src')],
      exclude: [join(pkg.dir, 'src', '**', '__testfixtures__')],
    }),
  );
  const logger = new CollectingLogger(pkg.name);
  const app = await Application.bootstrapWithPlugins(
    {
      options: join(root, 'typedoc.json'),
      entryPoints: entries.map((entry) => entry.file),
      entryPointStrategy: 'resolve',
      tsconfig,
      name: pkg.name,
      readme: join(pkg.dir, 'README.md'),
      // Warnings are counted here, after every package is done, so one run reports them all.
      treatWarningsAsErrors: false,
      // A sibling's symbol this package re-exports (the adapter's `Thread`, from core) is
      // documented in the sibling's section, where its links resolve; here it links there.
      externalPattern: [
        '**/node_modules/**',
        ...publishedPackages()
          .filter((other) => other.name !== pkg.name)
          .map((other) => `${other.dir}/src/**`),
      ],
    },
    [new TypeDocReader(), new TSConfigReader()],
  );
  // Option errors are reported during bootstrap, before the collecting logger takes over.
  const optionErrors = app.logger.hasErrors();
  app.logger = logger;
  const project = optionErrors ? undefined : await app.convert();
  if (project !== undefined) {
    // Module names are the import specifiers users write, not file names.
    const byFile = new Map(entries.map((entry) => [entry.file, specifierOf(pkg.name, entry.subpath)]));
    for (const child of project.children ?? []) {
      const file = child.sources?.[0]?.fullFileName;
      if (child.kindOf(2 /* Module */) && byFile.has(file)) child.name = byFile.get(file);
    }
    app.validate(project);
  }
  const report = { name: pkg.name, folder: pkg.folder, json: undefined, undocumented: [], inferred: [], warnings: [], errors: [] };
  for (const { level, message } of logger.messages) {
    const match = UNDOCUMENTED.exec(message.split('\n')[0]);
    if (match) (INFERRED_MEMBER.test(match[1]) ? report.inferred : report.undocumented).push({ name: match[1], kind: match[2], where: match[3] });
    else if (level === LogLevel.Warn && !isSiblingLink(message)) report.warnings.push(message);
    else if (level === LogLevel.Error) report.errors.push(message);
  }
  if (optionErrors) report.errors.push('typedoc refused the options (see above)');
  else if (project === undefined) report.errors.push('typedoc could not convert the package');
  else if (!check) {
    report.json = join(jsonDir, `${pkg.folder}.json`);
    await app.generateJson(project, report.json);
  }
  return report;
}

/** Merges the packages' models into one site. */
async function render() {
  const converted = reports.filter((report) => report.json !== undefined);
  if (converted.length === 0) {
    console.error('\ndocs: no package could be converted, nothing to write');
    process.exitCode = 1;
    return;
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const logger = new CollectingLogger('merge');
  const app = await Application.bootstrapWithPlugins(
    {
      options: join(root, 'typedoc.json'),
      entryPointStrategy: 'merge',
      entryPoints: converted.map((report) => report.json),
      name: 'sessionkit',
      readme: 'none',
      out,
      treatWarningsAsErrors: !draft,
      // Each package was validated on its own; the merge checks what only it can: links between packages.
      validation: { invalidLink: true, notDocumented: false, notExported: false },
    },
    [new TypeDocReader(), new TSConfigReader()],
  );
  app.logger = logger;
  const project = await app.convert();
  if (project === undefined) throw new Error('typedoc could not merge the packages');
  app.validate(project);
  await app.generateOutputs(project);
  // docs/api-reference.md tells readers (and the READMEs link there) where each package's section is.
  const landing = readFileSync(join(root, 'docs', 'api-reference.md'), 'utf8');
  for (const report of converted) {
    const page = `modules/${report.name.replace(/[@/]/g, '_')}.html`;
    if (!existsSync(join(out, page)))
      logger.log(`${report.name}: expected its section at docs/api/${page}; docs/api-reference.md needs the new name`, LogLevel.Error);
    else if (!landing.includes(`api/${page}`)) logger.log(`docs/api-reference.md does not list ${report.name} (api/${page})`, LogLevel.Error);
  }
  if (logger.messages.some(({ level }) => level >= LogLevel.Warn) && !draft) {
    process.exitCode = 1;
    console.error('\ndocs: merging the packages reported the problems above');
    return;
  }
  console.log(`\ndocs: ${relative(root, out)}/index.html (${converted.length} packages)`);
}

function printSummary() {
  for (const report of reports) {
    if (report.undocumented.length === 0) continue;
    console.log(`\n${report.name}: ${report.undocumented.length} undocumented`);
    for (const { name, kind, where } of report.undocumented) console.log(`  ${name} (${kind})  ${where.replace(`${report.name}/`, '')}`);
  }
  console.log('\n| package | undocumented | other warnings | errors | inferred-type members (not required) |\n|---|---:|---:|---:|---:|');
  for (const report of reports) {
    console.log(`| ${report.name} | ${report.undocumented.length} | ${report.warnings.length} | ${report.errors.length} | ${report.inferred.length} |`);
  }
}
