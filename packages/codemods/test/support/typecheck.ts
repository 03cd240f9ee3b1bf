/**
 * `tsc --noEmit` in process, for the many small projects the property test
 * generates: the repository's strict options with checkJs, library and
 * package declarations parsed once and shared between programs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { PACKAGE_DIR } from './apps.js';

const base = ts.readConfigFile(join(PACKAGE_DIR, '..', '..', 'tsconfig.base.json'), (path) => readFileSync(path, 'utf8'));
const options: ts.CompilerOptions = {
  ...ts.convertCompilerOptionsFromJson({ ...(base.config as { compilerOptions: object }).compilerOptions, allowJs: true, checkJs: true }, PACKAGE_DIR).options,
  noEmit: true,
};

const shared = new Map<string, ts.SourceFile | undefined>();

/** Type errors of a set of files (absolute path → text); other files (libraries, @sessionkit/*) come from disk. */
export function typeErrorsOf(files: ReadonlyMap<string, string>): string[] {
  const host = ts.createCompilerHost(options, true);
  host.fileExists = (path) => files.has(path) || existsSync(path);
  host.readFile = (path) => files.get(path) ?? (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  host.getSourceFile = (path, language) => {
    const own = files.get(path);
    if (own !== undefined) return ts.createSourceFile(path, own, language, true);
    if (!shared.has(path)) shared.set(path, existsSync(path) ? ts.createSourceFile(path, readFileSync(path, 'utf8'), language, true) : undefined);
    return shared.get(path);
  };
  host.directoryExists = (path) => [...files.keys()].some((file) => file.startsWith(`${path}/`)) || existsSync(path);
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}
