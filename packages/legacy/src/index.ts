// The old system's modules, each also a subpath (`@sessionkit/legacy/<module>`).
export * from './exceptions.js';
export * from './config.js';
export * from './models.js';
export * from './session_lock_manager.js';
export * from './session_concurrency.js';
export * from './session_security.js';
export * from './session_data.js';
export * from './session_manager.js';
// The legacy application written against them.
export * from './helpers/session_helpers.js';
export * from './handlers/session_handler.js';
export * from './tools/session_tools.js';
