// A module that re-exports the old API to the rest of the app: its importers decide when to move.
export { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy';
export * from '../session_data';
export { Thread, ModelBackend } from '../models';
