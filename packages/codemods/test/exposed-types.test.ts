/**
 * Which old types a file hands to the files that import it: signatures of
 * imported exports (and the local types they name), never function bodies
 * or private members.
 */
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../src/lib/context.js';
import { migrateSource } from '../src/lib/define-transform.js';
import { exposedOldTypes } from '../src/lib/exposed-types.js';

const HEADER = "import { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy';\nimport { SessionData } from '@sessionkit/legacy/session_data';\n";

/** The exposed types of `body`, by type, with the importers of each site. */
function exposed(body: string, importedBy: Record<string, string[]>): Record<string, string[]> {
  let found: Record<string, string[]> = {};
  const rule = {
    name: 'probe',
    run(context: RuleContext) {
      found = Object.fromEntries([...exposedOldTypes(context)].map(([type, exposure]) => [type, exposure.sites.flatMap((site) => site.importers).sort()]));
    },
  };
  migrateSource(jscodeshift, { path: '/virtual/module.ts', source: HEADER + body }, [rule], {
    target: 'package',
    writeMarkers: false,
    importedBy: new Map(Object.entries(importedBy)),
  });
  return found;
}

describe('exposedOldTypes', () => {
  it('finds an old type in the signature of an imported export, however it is exported', () => {
    const body = 'function add(data: SessionData): void { void data; }\nexport { add as addThreads };\n';
    expect(exposed(body, { addThreads: ['a.ts'] })).toEqual({ SessionData: ['a.ts'] });
    expect(exposed('export default function (m: SessionManager) { void m; }\n', { default: ['b.ts'] })).toEqual({ SessionManager: ['b.ts'] });
    expect(exposed('export const manager = new SessionManager();\n', { manager: ['c.ts'] })).toEqual({ SessionManager: ['c.ts'] });
  });

  it('follows local types the signature names, and nothing an importer cannot reach', () => {
    const body = [
      'interface Created { session: ContextSwitcherSession }',
      'export function create(): Created { throw new Error(); }',
      'export function unused(data: SessionData): void { void data; }',
      '',
    ].join('\n');
    expect(exposed(body, { create: ['tools.ts'] })).toEqual({ ContextSwitcherSession: ['tools.ts'] });
    expect(exposed(body, { '*': ['all.ts'] })).toEqual({ ContextSwitcherSession: ['all.ts'], SessionData: ['all.ts'] });
  });

  it('ignores function bodies, private members and files nobody imports', () => {
    const body = [
      'export async function open(id: string): Promise<string> {',
      '  const data: SessionData = new SessionData(id, new Date());',
      '  return data.sessionId;',
      '}',
      'export class Pool {',
      '  private manager: SessionManager = new SessionManager();',
      '  size(): number { return 0; }',
      '}',
      '',
    ].join('\n');
    expect(exposed(body, { open: ['a.ts'], Pool: ['a.ts'] })).toEqual({});
    expect(exposed('export function f(data: SessionData) { void data; }\n', {})).toEqual({});
  });
});
