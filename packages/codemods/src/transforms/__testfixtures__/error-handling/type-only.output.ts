import type { SessionSecurityError, SessionConcurrencyError } from '@sessionkit/core';

export interface ToolFailure {
  security?: SessionSecurityError;
  conflict?: SessionConcurrencyError;
}
