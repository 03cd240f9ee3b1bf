// A module that re-exports the old API to the rest of the app: its importers decide when to move.
// sessionkit-migrate: re-exports old API (SessionManager, ContextSwitcherSession): this module's importers decide; re-export the core names once they migrated
export { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy';
// sessionkit-migrate: re-exports old API (everything): this module's importers decide; re-export the core names once they migrated
export * from '../session_data';
export { Thread, ModelBackend } from '@sessionkit/core';
