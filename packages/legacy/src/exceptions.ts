/**
 * The old system's exception hierarchy (exceptions.py). Every class takes
 * `(message, context?)`, where `context` is a free-form record the old code
 * attached for logging.
 */
export class SessionError extends Error {
  readonly context: Record<string, unknown>;

  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.context = context;
  }
}

export class SessionCleanupError extends SessionError {}
export class SecurityError extends SessionError {}
export class ConcurrencyError extends SessionError {}
