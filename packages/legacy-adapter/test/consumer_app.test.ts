/**
 * The legacy application's own behaviour suite (from `@sessionkit/legacy`),
 * run on a copy of the application whose old imports now point at
 * `@sessionkit/legacy-adapter` (resolved through the exports map to the
 * BUILT package, as an application would load it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { defineConsumerAppBehaviour, type ConsumerApp } from '@sessionkit/legacy/testing';
import { Session } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, packageDir, prepareConsumerApp } from './support/consumer_app.js';

assertBuilt();
const prepared = prepareConsumerApp();
const app = (await import(pathToFileURL(prepared.toolsModule).href)) as ConsumerApp;
const handler = (await import(pathToFileURL(prepared.handlerModule).href)) as {
  getAppSessionManager(): { pool: { getSession(id: string): Promise<Session | null> } };
};

describe('the re-pointed copy of the legacy application', () => {
  it('imports every old module from the adapter and none from its old relative paths', () => {
    expect(prepared.rewrittenImports).toBeGreaterThanOrEqual(10);
    expect(prepared.leftoverRelativeImports).toEqual([]);
  });

  it('still compiles: the adapter’s declarations accept the old code as written', () => {
    const base = JSON.parse(readFileSync(join(packageDir, '..', '..', 'tsconfig.base.json'), 'utf8')) as { compilerOptions: object };
    const { options, errors } = ts.convertCompilerOptionsFromJson(base.compilerOptions, packageDir);
    expect(errors).toEqual([]);
    const program = ts.createProgram([prepared.toolsModule], options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    // …and it compiled against this package's built declarations, not the old system's.
    const loaded = program.getSourceFiles().map((file) => file.fileName);
    expect(loaded.some((file) => file.endsWith('legacy-adapter/dist/models.d.ts'))).toBe(true);
    expect(loaded.some((file) => file.includes('/legacy/dist/') || file.includes('/legacy/src/'))).toBe(false);
  }, 60_000); // a whole-program type check: seconds of CPU, no waiting

  describe('runs on core', () => {
    beforeAll(() => app.configureSessionTools({ maxSessions: 5 }));
    afterAll(() => app.shutdownSessionTools());

    it('keeps each session, with the threads the app added through SessionData, in a core pool', async () => {
      const started = (await app.startContextAnalysis({ topic: 'On core?', initial_perspectives: ['technical', 'risk'] })) as {
        session_id: string;
      };
      await app.addPerspective({ session_id: started.session_id, name: 'legal', description: 'Contracts.' });
      const session = await handler.getAppSessionManager().pool.getSession(started.session_id);
      expect(session).toBeInstanceOf(Session);
      const state = await session?.exportState();
      expect(Object.keys(state?.threads ?? {})).toEqual(['technical', 'risk', 'legal']);
      expect(state?.client_binding?.signature_scheme).toBe('hmac-sha256');
    });
  });
});

// No lowered PBKDF2 rounds needed: the adapter signs new bindings with HMAC-SHA256.
defineConsumerAppBehaviour(app, { name: '@sessionkit/legacy-adapter: legacy application behaviour' });
