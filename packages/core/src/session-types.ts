/**
 * Pure session data: the types a session holds and their JSON form. The JSON
 * keys are exactly the old Python service's `to_dict()` keys
 * (snake_case), so state exported by the old service restores here and the
 * other way round. No locking, no I/O, no business rules: one type per file
 * under `types/`, their zod schemas in `types/json-schemas.ts`.
 */
export { AnalysisRecord, type AnalysisRecordJSON } from './types/analysis-record.js';
export { ClientBinding, type ClientBindingInit, type ClientBindingJSON, type ClientBindingSummary, type SignatureScheme } from './types/client-binding.js';
export { ModelBackend, NO_RESPONSE } from './types/model-backend.js';
export { SecurityEvent, type SecurityEventJSON } from './types/security-event.js';
export { SessionMetrics, type SessionMetricsJSON } from './types/session-metrics.js';
export { SessionState, type SessionStateInit, type SessionStateJSON } from './types/session-state.js';
export { type ConversationMessage, Thread, type ThreadInit, type ThreadJSON } from './types/thread.js';
