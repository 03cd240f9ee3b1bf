// The old error names are core's classes, so catch/instanceof work across the bridge.
export {
  SessionError,
  SessionCleanupError,
  SessionSecurityError as SecurityError,
  SessionConcurrencyError as ConcurrencyError,
} from '@sessionkit/core';
