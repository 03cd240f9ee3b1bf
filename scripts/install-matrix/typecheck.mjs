/**
 * Type-checks a consumer project the way its user's `tsc` would, in-process
 * and on what matters only: the consumer's own files and the sessionkit
 * declaration files they reach (errors inside those are the user's errors,
 * so they are checked as if `skipLibCheck` were off for them alone). Third-party
 * declarations are loaded, never checked: that keeps a run at a fraction of
 * a full `tsc --skipLibCheck false`.
 */
import { dirname, join, sep } from 'node:path';
import ts from 'typescript';

/** Parsed library files are the same for every project: parse them once. */
const libCache = new Map();
const libDir = dirname(ts.getDefaultLibFilePath({}));

/**
 * @param {string} dir the consumer project
 * @param {string} config its tsconfig file name
 * @returns {{ ok: boolean, detail: string }}
 */
export function typecheck(dir, config) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(dir, config),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (!fileName.startsWith(libDir)) return getSourceFile(fileName, languageVersion, ...rest);
    const key = `${fileName}|${JSON.stringify(languageVersion)}`;
    if (!libCache.has(key)) libCache.set(key, getSourceFile(fileName, languageVersion, ...rest));
    return libCache.get(key);
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const ours = program
    .getSourceFiles()
    .filter((file) => !file.fileName.includes(`${sep}node_modules${sep}`) || file.fileName.includes(`${sep}node_modules${sep}@sessionkit${sep}`));
  const diagnostics = [
    ...parsed.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...ours.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  const detail = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' });
  return { ok: diagnostics.length === 0, detail: detail.trim() || `no errors (${ours.length} files checked)` };
}
