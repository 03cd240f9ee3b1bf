// `@sessionkit/legacy-adapter/models`: the old data models. `ModelBackend` and `Thread` are core's own.
export { ModelBackend, Thread } from '@sessionkit/core';
export type { ConversationMessage, ThreadInit } from '@sessionkit/core';
export { ClientBinding } from './bridge/client_binding.js';
export type { ClientBindingInit } from './bridge/client_binding.js';
export { ContextSwitcherSession } from './bridge/context_switcher_session.js';
export type { ContextSwitcherSessionInit, SecurityEventEntry } from './bridge/context_switcher_session.js';
export type { AnalysisEntry } from './bridge/analyses.js';
export type { SessionView } from './bridge/session_view.js';
