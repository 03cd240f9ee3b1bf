/**
 * The demo's bearer tokens: a fixed `token=principal` list from
 * `SESSIONKIT_DEMO_TOKENS`, checked with the SDK's own bearer-token
 * verification. A real deployment verifies tokens from its authorization
 * server instead (a JWT's signature, or introspection); what reaches the tools
 * is the same `AuthInfo`, with the principal as `extra.sub`.
 */
import { timingSafeEqual } from 'node:crypto';
import { type AuthInfo, OAuthError, OAuthErrorCode, type OAuthTokenVerifier } from '@modelcontextprotocol/server';

/** How long a verified demo token is reported valid (the SDK refuses tokens without an expiry). */
const TOKEN_LIFETIME_SECONDS = 3600;

export function staticTokenVerifier(tokens: ReadonlyMap<string, string>): OAuthTokenVerifier {
  const entries = [...tokens].map(([token, principal]) => [Buffer.from(token), principal] as const);
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const presented = Buffer.from(token);
      // Compared in constant time, every entry, so timing tells nothing about which token nearly matched.
      let principal: string | undefined;
      for (const [known, owner] of entries) {
        if (known.length === presented.length && timingSafeEqual(known, presented)) principal = owner;
      }
      if (principal === undefined) throw new OAuthError(OAuthErrorCode.InvalidToken, 'unknown token');
      return {
        token,
        clientId: 'sessionkit-mcp-demo',
        scopes: [],
        expiresAt: Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_SECONDS,
        extra: { sub: principal },
      };
    },
  };
}
