/** What `node dist/server.js` does with its arguments and environment before it serves anything. */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseServerArgs } from '../src/args.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createSessionPool } from '../src/manager.js';
import { assertBuilt, SERVER_ENTRY } from './support/client.js';

function runServer(args: string[], env: Record<string, string> = {}) {
  // stdin closed at once: a server that did start would stop immediately.
  return spawnSync(process.execPath, [SERVER_ENTRY, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, input: '', encoding: 'utf8', timeout: 10_000 });
}

describe('the built server', () => {
  beforeAll(assertBuilt);

  test('--help prints the usage on stdout', () => {
    const run = runServer(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: node dist\/server\.js \[--http <port>\]/);
  });

  test.each([
    [['--http', 'eighty'], {}, /--http expects a port number from 0 to 65535, received 'eighty'/],
    [['--verbose'], {}, /Unknown option '--verbose'/],
    [[], { SESSIONKIT_TTL_HOURS: '-1' }, /Invalid SESSIONKIT_TTL_HOURS="-1": Too small/],
    [[], { SESSIONKIT_MAX_SESSIONS: '2.5' }, /Invalid SESSIONKIT_MAX_SESSIONS="2.5"/],
    [['--responder', './no/such/responder.mjs'], {}, /Could not load the responder module '\.\/no\/such\/responder\.mjs'/],
    [[], { SESSIONKIT_DEMO_TOKENS: 'tok=alice' }, /SESSIONKIT_DEMO_TOKENS applies to --http only/],
  ] as const)('refuses %j %j with a one-line reason on stderr', (args, env, reason) => {
    const run = runServer([...args], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(''); // stdout is the protocol channel: nothing but JSON-RPC ever goes there
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).not.toMatch(/\n\s+at /); // a reason, not a stack trace
  });
});

describe('loadConfig', () => {
  test('defaults', () => {
    expect(loadConfig({})).toEqual({
      ttlHours: 1,
      maxSessions: 50,
      secretKeys: null,
      logLevel: 'info',
      manualClock: false,
      redisUrl: null,
      tokens: null,
      redisKeyPrefix: null,
      replicaId: null,
    });
  });

  test('reads every variable; empty means unset', () => {
    expect(
      loadConfig({
        SESSIONKIT_TTL_HOURS: '0.25',
        SESSIONKIT_MAX_SESSIONS: '7',
        SESSIONKIT_SECRET_KEYS: 'new-key, old-key',
        SESSIONKIT_LOG_LEVEL: 'debug',
        SESSIONKIT_TEST_CLOCK: 'manual',
        REDIS_URL: '',
        SESSIONKIT_DEMO_TOKENS: 'tok-a=alice, tok-b=bob@example.com',
        SESSIONKIT_REPLICA_ID: 'replica-1',
        SESSIONKIT_REDIS_PREFIX: 'demo:',
      }),
    ).toEqual({
      ttlHours: 0.25,
      maxSessions: 7,
      secretKeys: ['new-key', 'old-key'],
      logLevel: 'debug',
      manualClock: true,
      redisUrl: null,
      tokens: new Map([
        ['tok-a', 'alice'],
        ['tok-b', 'bob@example.com'],
      ]),
      redisKeyPrefix: 'demo:',
      replicaId: 'replica-1',
    });
  });

  test.each([
    [{ SESSIONKIT_TTL_HOURS: 'soon' }, 'SESSIONKIT_TTL_HOURS'],
    [{ SESSIONKIT_MAX_SESSIONS: '0' }, 'SESSIONKIT_MAX_SESSIONS'],
    [{ SESSIONKIT_SECRET_KEYS: 'a,,b' }, 'SESSIONKIT_SECRET_KEYS'],
    [{ SESSIONKIT_LOG_LEVEL: 'loud' }, 'SESSIONKIT_LOG_LEVEL'],
    [{ SESSIONKIT_TEST_CLOCK: 'yes' }, 'SESSIONKIT_TEST_CLOCK'],
    [{ SESSIONKIT_DEMO_TOKENS: 'just-a-token' }, 'SESSIONKIT_DEMO_TOKENS'],
    [{ SESSIONKIT_DEMO_TOKENS: 'a=alice,a=bob' }, 'SESSIONKIT_DEMO_TOKENS'],
    [{ SESSIONKIT_REPLICA_ID: 'has spaces' }, 'SESSIONKIT_REPLICA_ID'],
  ])('names the bad variable: %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid ${name}=`));
  });
});

describe('createSessionPool', () => {
  test('builds the in-memory pool from the settings', async () => {
    const pool = createSessionPool(loadConfig({ SESSIONKIT_TTL_HOURS: '2', SESSIONKIT_MAX_SESSIONS: '3', SESSIONKIT_SECRET_KEYS: 'k' }));
    const manager = pool.manager;
    expect(pool.where).toBe('in memory');
    expect(manager.sessionTtlHours).toBe(2);
    expect(manager.maxSessions).toBe(3);
    // The templates' perspectives get their own prompts, not the generic one.
    const session = await manager.createSession('s1', { initialPerspectives: ['operations'] });
    expect((await session.getThread('operations'))?.systemPrompt).toMatch(/^You are a site reliability engineer\./);
    await pool.close();
  });
});

describe('parseServerArgs', () => {
  test.each([
    [[], { kind: 'run', args: { httpPort: null, responder: null } }],
    [['--http', '0'], { kind: 'run', args: { httpPort: 0, responder: null } }],
    [['--', '--http', '8765', '--responder', './r.mjs'], { kind: 'run', args: { httpPort: 8765, responder: './r.mjs' } }],
    [['-h'], { kind: 'help' }],
    [['--http', '70000'], { kind: 'error', message: "--http expects a port number from 0 to 65535, received '70000'" }],
    [['--http=-1'], { kind: 'error', message: "--http expects a port number from 0 to 65535, received '-1'" }],
  ])('%j', (argv, expected) => {
    expect(parseServerArgs(argv)).toEqual(expected);
  });
});
