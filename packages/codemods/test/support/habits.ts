/**
 * Small projects written in the old API's habits, generated from a choice
 * of each (for the property test): how the old API is imported (named,
 * aliased, namespace, CommonJS), how sessions are created and checked, how
 * their data is reached (through the session in scope, or the pool), locked
 * sections, binding checks, errors, manager options, a helper in another
 * file that receives the session data, optional chaining. Every combination
 * is valid old code that type-checks.
 */
import fc from 'fast-check';

export interface Habits {
  style: 'named' | 'aliased' | 'namespace' | 'commonjs';
  creation: 'throws' | 'returns' | 'unchecked';
  binding: 'none' | 'variable' | 'inline';
  withData: boolean;
  threads: number;
  lookupVia: 'guarded' | 'pool';
  reads: readonly ('count' | 'names' | 'last' | 'thread')[];
  record: boolean;
  lock: 'none' | 'acquire' | 'withLock' | 'synchronized';
  check: 'none' | 'throws' | 'boolean';
  errors: boolean;
  options: 'none' | 'literal' | 'variable';
  helper: boolean;
  optional: boolean;
}

export const habits: fc.Arbitrary<Habits> = fc.record({
  style: fc.constantFrom('named', 'aliased', 'namespace', 'commonjs'),
  creation: fc.constantFrom('throws', 'returns', 'unchecked'),
  binding: fc.constantFrom('none', 'variable', 'inline'),
  withData: fc.boolean(),
  threads: fc.integer({ min: 0, max: 2 }),
  lookupVia: fc.constantFrom('guarded', 'pool'),
  reads: fc.subarray(['count', 'names', 'last', 'thread'] as const),
  record: fc.boolean(),
  lock: fc.constantFrom('none', 'acquire', 'withLock', 'synchronized'),
  check: fc.constantFrom('none', 'throws', 'boolean'),
  errors: fc.boolean(),
  options: fc.constantFrom('none', 'literal', 'variable'),
  helper: fc.boolean(),
  optional: fc.boolean(),
});

type OldName =
  | 'SessionManager'
  | 'ContextSwitcherSession'
  | 'SessionData'
  | 'SessionSecurity'
  | 'Thread'
  | 'ModelBackend'
  | 'SessionError'
  | 'SecurityError'
  | 'ConcurrencyError'
  | 'getSessionData'
  | 'registerSessionData'
  | 'getSessionLockManager'
  | 'createSessionConcurrency';

/** The generated files: relative path → text. */
export function project(h: Habits): Record<string, string> {
  const js = h.style === 'commonjs';
  const ext = js ? 'cjs' : 'ts';
  // A function's head: typed in TypeScript, JSDoc-typed in JavaScript.
  const head = (name: string, params: readonly [string, string][], returns: string | null): string => {
    const list = params.map(([param, type]) => (js ? param : `${param}: ${type}`)).join(', ');
    const doc = js && params.length > 0 ? `/** ${params.map(([param, type]) => `@param {${type}} ${param}`).join(' ')} */\n` : '';
    return `${doc}export async function ${name}(${list})${js || returns === null ? '' : `: ${returns}`} {`;
  };
  // How the pool file refers to an old name.
  const ref = (name: OldName): string => (h.style === 'namespace' ? `legacy.${name}` : h.style === 'aliased' && name === 'SessionManager' ? 'Pool' : name);
  const used = new Set<OldName>(['SessionManager', 'ContextSwitcherSession', 'SessionError']);
  const body: string[] = [];

  // The manager.
  if (h.options === 'variable') {
    if (!js) used.add('SessionManager');
    body.push(
      `const settings${js ? '' : `: ${h.style === 'namespace' ? 'legacy.SessionManagerOptions' : 'SessionManagerOptions'}`} = { maxSessions: 10, cleanupIntervalMinutes: 2 };`,
    );
    body.push(`export const manager = new ${ref('SessionManager')}(settings);`);
  } else if (h.options === 'literal') {
    body.push(`export const manager = new ${ref('SessionManager')}({ maxSessions: 10, sessionTtlHours: 1, cleanupIntervalMinutes: 5 });`);
  } else {
    body.push(`export const manager = new ${ref('SessionManager')}();`);
  }

  // Creation.
  const open: string[] = [
    head(
      'open',
      [
        ['id', 'string'],
        ['topic', 'string'],
      ],
      'Promise<boolean>',
    ),
  ];
  const init = h.binding === 'inline' ? `{ topic, clientBinding: new ${ref('SessionSecurity')}(id).createClientBinding('secret') }` : '{ topic }';
  if (h.binding !== 'none') used.add('SessionSecurity');
  if (h.binding === 'variable') open.push(`  const security = new ${ref('SessionSecurity')}(id);`);
  open.push(`  const session = new ${ref('ContextSwitcherSession')}(id, new Date(), ${init});`);
  if (h.binding === 'variable') open.push(`  session.clientBinding = security.createClientBinding('secret');`);
  if (h.creation === 'throws')
    open.push(`  const added = await manager.addSession(session);`, `  if (!added) {`, `    throw new ${ref('SessionError')}('full', { id });`, `  }`);
  else if (h.creation === 'returns') open.push(`  if (!(await manager.addSession(session))) return false;`);
  else open.push(`  await manager.addSession(session);`);
  if (h.withData) {
    used.add('SessionData').add('registerSessionData').add('Thread').add('ModelBackend');
    open.push(`  const data = new ${ref('SessionData')}(id, session.createdAt, topic);`);
    for (let index = 0; index < h.threads; index++) {
      open.push(
        `  data.addThread(new ${ref('Thread')}({ id: \`\${id}_t${index}\`, name: 't${index}', systemPrompt: 'You are t${index}.', modelBackend: ${ref('ModelBackend')}.BEDROCK }));`,
      );
    }
    open.push(`  ${ref('registerSessionData')}(data);`);
  }
  open.push('  return true;', '}');
  body.push('', ...open);

  // Reading the data (only where it was registered).
  const helperImport = h.helper && h.withData;
  if (h.withData && (h.reads.length > 0 || h.record || h.lock !== 'none' || helperImport)) {
    used.add('getSessionData');
    const reach: string[] = [];
    const fn: string[] = [head('inspect', [['id', 'string']], null)];
    if (h.lookupVia === 'guarded') {
      fn.push('  const session = await manager.getSession(id);', '  if (!session) return null;');
    }
    fn.push(`  const data = ${ref('getSessionData')}(id);`);
    if (h.record) fn.push(`  data.recordAnalysis('why?', { t0: 'because' }, 1, 0);`);
    for (const read of h.reads) {
      if (read === 'count') reach.push('count: data.getThreadCount() + data.getAnalysisCount()');
      if (read === 'names') reach.push('names: data.getThreadNames()');
      if (read === 'last') reach.push(h.optional ? 'last: data.getLastAnalysis()?.prompt ?? null' : 'last: data.getLastAnalysis() === null ? null : 1');
      if (read === 'thread') reach.push("thread: data.getThread('t0')?.name ?? null");
    }
    if (helperImport) reach.push('described: describe(data)');
    if (h.lock === 'acquire') {
      used.add('getSessionLockManager');
      fn.push(`  const thread = data.getThread('t0');`, '  if (!thread) return null;');
      fn.push(
        `  const release = await ${ref('getSessionLockManager')}().acquireLock(id);`,
        '  try {',
        "    thread.addMessage('user', 'hello');",
        '  } finally {',
        '    release();',
        '  }',
      );
    } else if (h.lock === 'withLock') {
      used.add('getSessionLockManager');
      fn.push(`  await ${ref('getSessionLockManager')}().withLock(id, () => {`, "    data.removeThread('t1');", '  });');
    } else if (h.lock === 'synchronized') {
      used.add('createSessionConcurrency');
      fn.push(
        '  let removed = false;',
        `  await ${ref('createSessionConcurrency')}(id).synchronizedUpdate(() => {`,
        "    removed = data.removeThread('t1');",
        '  });',
        '  if (!removed) return null;',
      );
    }
    fn.push(`  return { ${reach.join(', ')} };`, '}');
    body.push('', ...fn);
  }

  // A binding check.
  if (h.check !== 'none') {
    used.add('SessionSecurity');
    const fn = [
      head(
        'checked',
        [
          ['id', 'string'],
          ['tool', 'string'],
        ],
        null,
      ),
      '  const session = await manager.getSession(id);',
      '  if (!session) return null;',
    ];
    fn.push(`  const security = new ${ref('SessionSecurity')}(id, session.clientBinding);`);
    if (h.check === 'throws') {
      used.add('SecurityError');
      fn.push(
        "  if (!security.validateBinding('secret')) {",
        `    throw new ${ref('SecurityError')}(\`\${tool}: bad binding\`);`,
        '  }',
        '  await session.recordAccess(tool);',
        '  return session.sessionId;',
      );
    } else {
      fn.push("  const valid = security.validateBinding('secret');", `  return valid ? ${h.optional ? 'session?.topic ?? null' : 'session.topic'} : null;`);
    }
    fn.push('}');
    body.push('', ...fn);
  }

  // Errors.
  if (h.errors) {
    used.add('SecurityError').add('ConcurrencyError');
    body.push(
      '',
      head('classify', [['error', 'unknown']], 'Promise<string>'),
      `  if (error instanceof ${ref('SecurityError')}) return 'security';`,
      `  if (error instanceof ${ref('ConcurrencyError')}) return 'conflict';`,
      `  if (error instanceof ${ref('SessionError')}) return 'session';`,
      "  return 'other';",
      '}',
    );
  }

  // Stats.
  body.push(
    '',
    head('load', [], 'Promise<string>'),
    '  const stats = await manager.getStats();',
    '  return `${stats.active_sessions}/${stats.max_sessions} ${stats.capacity_used}`;',
    '}',
  );

  const files: Record<string, string> = {};
  let header: string;
  const names = [...used].sort();
  if (h.style === 'namespace') header = "import * as legacy from '@sessionkit/legacy';";
  else if (h.style === 'commonjs') header = `'use strict';\nconst { ${names.join(', ')} } = require('@sessionkit/legacy');`;
  else {
    const specifiers = names.map((name) => (name === 'SessionManager' && h.style === 'aliased' ? 'SessionManager as Pool' : name));
    header = `import { ${specifiers.join(', ')} } from '@sessionkit/legacy';`;
    if (h.options === 'variable') header += "\nimport type { SessionManagerOptions } from '@sessionkit/legacy';";
  }
  if (helperImport) header += js ? "\nconst { describe } = require('./helper.cjs');" : "\nimport { describe } from './helper';";
  const exports = js
    ? `\nmodule.exports = { ${['manager', 'open', ...(body.some((line) => line.startsWith('export async function inspect')) ? ['inspect'] : []), ...(h.check !== 'none' ? ['checked'] : []), ...(h.errors ? ['classify'] : []), 'load'].join(', ')} };\n`
    : '';
  const text = `${header}\n\n${body.join('\n')}\n${exports}`;
  files[`src/pool.${ext}`] = js ? text.replace(/^export (const|async function|function) /gm, '$1 ') : text;
  if (helperImport) {
    files[`src/helper.${ext}`] = js
      ? "'use strict';\n\n/** @param {import('@sessionkit/legacy').SessionData} data */\nfunction describe(data) {\n  return `${data.sessionId}: ${data.getThreadCount()} threads`;\n}\n\nmodule.exports = { describe };\n"
      : `import type { SessionData } from '@sessionkit/legacy';\n\nexport function describe(data: SessionData): string {\n  return \`\${data.sessionId}: \${data.getThreadNames().join(', ')}\`;\n}\n`;
  }
  return files;
}
