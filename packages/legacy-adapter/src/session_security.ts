// `@sessionkit/legacy-adapter/session_security`
export { SessionSecurity, SecurityEvent } from './bridge/session_security.js';
export type { ClientBindingSummary, SecurityEventDict, SecurityEventInit, SecuritySummary } from './bridge/session_security.js';
export { ClientBinding } from './bridge/client_binding.js';
export { SecurityError } from './exceptions.js';
