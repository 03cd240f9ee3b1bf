/**
 * The server's settings, read from the environment once at start-up. A bad
 * value stops the server with a message naming the variable, rather than
 * silently falling back to a default.
 */
import { z } from 'zod';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DemoConfig {
  /** Sessions expire this long after creation (`SESSIONKIT_TTL_HOURS`, default 1). */
  ttlHours: number;
  /** Pool capacity (`SESSIONKIT_MAX_SESSIONS`, default 50). */
  maxSessions: number;
  /** Signing keys, current first (`SESSIONKIT_SECRET_KEYS`, comma-separated). Unset: core's per-process random key. */
  secretKeys: string[] | null;
  /** `SESSIONKIT_LOG_LEVEL` (default info). Logs go to stderr only. */
  logLevel: LogLevel;
  /**
   * `SESSIONKIT_TEST_CLOCK=manual`: the server's clock can be moved forward
   * with the `test_advance_clock` tool, so expiry is tested without sleeping.
   * Never set it in a real deployment.
   */
  manualClock: boolean;
  /** `REDIS_URL`: keep sessions in Redis (`@sessionkit/store-redis`), shared by every server process using it. */
  redisUrl: string | null;
  /**
   * `SESSIONKIT_DEMO_TOKENS=token=principal,…`: HTTP callers must present one
   * of these bearer tokens, and each session belongs to its token's principal.
   * Unset: no authentication, and a session id is a bearer token.
   */
  tokens: ReadonlyMap<string, string> | null;
  /** `SESSIONKIT_REDIS_PREFIX`: key prefix of the sessions in Redis (default: the store's, `sk:`). */
  redisKeyPrefix: string | null;
  /** `SESSIONKIT_REPLICA_ID`: this process's name in the `x-sessionkit-replica` response header (default `pid-<pid>`). */
  replicaId: string | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const positiveNumber = z.coerce.number().positive().refine(Number.isFinite, { message: 'expected a finite number' });

const envSchema = z.object({
  SESSIONKIT_TTL_HOURS: positiveNumber.default(1),
  SESSIONKIT_MAX_SESSIONS: z.coerce.number().int().positive().default(50),
  SESSIONKIT_SECRET_KEYS: z
    .string()
    .transform((value) => value.split(',').map((key) => key.trim()))
    .refine((keys) => keys.every((key) => key !== ''), { message: 'expected comma-separated non-empty keys' })
    .optional(),
  SESSIONKIT_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SESSIONKIT_TEST_CLOCK: z.enum(['manual']).optional(),
  REDIS_URL: z.string().min(1).optional(),
  SESSIONKIT_DEMO_TOKENS: z
    .string()
    .transform((value, ctx) => {
      const tokens = new Map<string, string>();
      for (const entry of value.split(',')) {
        const match = /^\s*([A-Za-z0-9._~+/-]+)=([^\s=,][^=,]*?)\s*$/.exec(entry);
        if (match === null) {
          ctx.addIssue({ code: 'custom', message: 'expected token=principal pairs, comma-separated (token: letters, digits, ._~+/-)' });
          return z.NEVER;
        }
        if (tokens.has(match[1] as string)) {
          ctx.addIssue({ code: 'custom', message: 'a token is listed twice' });
          return z.NEVER;
        }
        tokens.set(match[1] as string, match[2] as string);
      }
      return tokens;
    })
    .optional(),
  SESSIONKIT_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,128}$/, { message: 'expected 1..128 characters of [A-Za-z0-9:_.-]' })
    .optional(),
  SESSIONKIT_REPLICA_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'expected 1..64 characters of [A-Za-z0-9._:-]' })
    .optional(),
});

/** Reads the settings from `env`; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  // An empty variable means "not set", as it does for most command-line tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(env[name] ?? '')}: ${issue?.message ?? 'invalid value'}`);
  }
  const valid = result.data;
  return {
    ttlHours: valid.SESSIONKIT_TTL_HOURS,
    maxSessions: valid.SESSIONKIT_MAX_SESSIONS,
    secretKeys: valid.SESSIONKIT_SECRET_KEYS ?? null,
    logLevel: valid.SESSIONKIT_LOG_LEVEL,
    manualClock: valid.SESSIONKIT_TEST_CLOCK === 'manual',
    redisUrl: valid.REDIS_URL ?? null,
    tokens: valid.SESSIONKIT_DEMO_TOKENS ?? null,
    redisKeyPrefix: valid.SESSIONKIT_REDIS_PREFIX ?? null,
    replicaId: valid.SESSIONKIT_REPLICA_ID ?? null,
  };
}
