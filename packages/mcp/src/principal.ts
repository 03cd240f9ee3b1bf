/**
 * Binding sessions to the caller: the one place that decides who the caller
 * is and which sessions are theirs.
 *
 * Every session is stored under a key derived from its principal and its
 * handle (`<principal tag>.<handle>`), so a handle only resolves for the
 * principal that minted it: presented by anyone else it names a key that does
 * not exist, and the lookup misses exactly as it does for a handle nobody ever
 * minted (same code path, same error). A handle is therefore no oracle, and
 * is inert in another principal's hands even if it leaks.
 */
import { createHash } from 'node:crypto';
import type { Session } from '@sessionkit/core';
import { z } from 'zod';
import { ERROR_CODES, McpToolError } from './errors.js';

/**
 * The authentication the SDKs hand a tool handler (`ctx.http.authInfo` in SDK
 * v2, `extra.authInfo` in v1): the fields read here, structurally, so that
 * either SDK's `AuthInfo` fits.
 */
export interface McpAuthInfo {
  /** The OAuth client the token was issued to; {@link defaultPrincipal} falls back to it (`client:<id>`) when there is no `extra.sub`. */
  clientId?: string | undefined;
  /** The scopes the token grants. Not read by this package: it binds sessions to who the caller is, not to what the token allows. */
  scopes?: readonly string[] | undefined;
  /** Token claims your verifier attached; `sub` is the token's subject. */
  extra?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * What to do with a caller that carries no authentication:
 *
 * - `'reject'`: refuse the session tools with `SESSION_FORBIDDEN`.
 * - `'bearer'`: every unauthenticated caller is one principal,
 *   `anonymous`, so a handle works for whoever holds it (a bearer token).
 *   Meant for local stdio servers, whose one client is the user who started
 *   them; on a network server, prefer authentication.
 */
export type UnauthenticatedPolicy = 'bearer' | 'reject';

/** Turns the SDK's authentication into a principal; `null`/`undefined` means "not authenticated". */
export type PrincipalResolver = (auth: McpAuthInfo) => string | null | undefined;

/** The caller of one tool call. */
export interface Principal {
  /** `sub:<subject>`, `client:<client id>`, your resolver's string, or `anonymous`. */
  readonly id: string;
  /** False for the shared `anonymous` principal of the `'bearer'` policy. */
  readonly authenticated: boolean;
}

/** The principal of unauthenticated callers under the `'bearer'` policy. */
export const ANONYMOUS_PRINCIPAL = 'anonymous';

/**
 * The default resolver: the token's subject (`extra.sub`, as a JWT or
 * introspection verifier reports it) as `sub:<subject>`, else the OAuth client
 * id as `client:<id>`. The prefixes keep a subject and a client id that
 * happen to be the same string apart.
 */
export function defaultPrincipal(auth: McpAuthInfo): string | null {
  const sub = auth.extra?.sub;
  if (typeof sub === 'string' && sub !== '') return `sub:${sub}`;
  if (typeof auth.clientId === 'string' && auth.clientId !== '') return `client:${auth.clientId}`;
  return null;
}

// What core accepts as a principal: 1..512 characters, no control characters.
const principalIdSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((id) => !/\p{Cc}/u.test(id), { message: 'expected no control characters' });

/** The user bucket's key suffix; never a handle (handles are 43 characters). */
const USER_SUFFIX = 'user';

const KEY_TAG = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{22}\.(?=[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])|user(?![A-Za-z0-9_-]))/g;

/**
 * `message` without the principal tags of storage keys, so that a core error
 * about `<tag>.<handle>` names the handle the client knows and nothing else.
 */
export function redactKeys(message: string): string {
  return message.replace(KEY_TAG, '');
}

/** The principal-binding rules of one session layer. */
export class PrincipalBinding {
  readonly #resolve: PrincipalResolver;
  readonly #policy: UnauthenticatedPolicy;
  readonly #tags = new Map<string, string>();

  constructor(resolve: PrincipalResolver, policy: UnauthenticatedPolicy) {
    this.#resolve = resolve;
    this.#policy = policy;
  }

  /** Who is calling. Throws `SESSION_FORBIDDEN` for an unauthenticated caller under `'reject'`, or an unusable principal. */
  identify(auth: McpAuthInfo | undefined): Principal {
    const resolved = auth === undefined ? null : this.#resolve(auth);
    if (resolved === null || resolved === undefined) {
      if (this.#policy === 'bearer') return { id: ANONYMOUS_PRINCIPAL, authenticated: false };
      throw new McpToolError(ERROR_CODES.forbidden, 'this tool needs an authenticated caller');
    }
    const parsed = principalIdSchema.safeParse(resolved);
    if (!parsed.success) {
      // A server-side problem (the resolver's output), reported without echoing the identity.
      throw new McpToolError(ERROR_CODES.forbidden, `the caller's identity cannot be used as a principal: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return { id: parsed.data, authenticated: true };
  }

  /** The storage key of `handle` for `principal`. */
  sessionKey(principal: Principal, handle: string): string {
    return `${this.#tag(principal.id)}.${handle}`;
  }

  /** The storage key of `principal`'s per-user bucket. */
  userKey(principal: Principal): string {
    return `${this.#tag(principal.id)}.${USER_SUFFIX}`;
  }

  /** The handle stored under `key` if the key is one of `principal`'s sessions (not their user bucket), else null. */
  handleOf(principal: Principal, key: string): string | null {
    const prefix = `${this.#tag(principal.id)}.`;
    if (!key.startsWith(prefix)) return null;
    const handle = key.slice(prefix.length);
    return handle === USER_SUFFIX ? null : handle;
  }

  /**
   * Whether a session found under one of `principal`'s keys is theirs. The key
   * says so already; core records the principal in the session itself too
   * (covered by the client binding's signature), and that must agree, so a
   * state written under the wrong key by anything but this layer is refused.
   */
  owns(session: Session, principal: Principal): boolean {
    return session.principal === principal.id;
  }

  /** The options `createSession` gets for a session of `principal`. */
  createOptions(principal: Principal): { principal: string } {
    return { principal: principal.id };
  }

  /** 128 bits of SHA-256 of the principal: a fixed-size, key-safe namespace (not a secret). */
  #tag(id: string): string {
    let tag = this.#tags.get(id);
    if (tag === undefined) {
      tag = createHash('sha256').update('sessionkit-mcp/principal\0').update(id).digest('base64url').slice(0, 22);
      if (this.#tags.size >= 10_000) this.#tags.clear(); // a cache, never a leak
      this.#tags.set(id, tag);
    }
    return tag;
  }
}
