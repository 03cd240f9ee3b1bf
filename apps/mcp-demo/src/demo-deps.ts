/** What the demo's tools are built with, besides the session layer they run in. */
import type { Clock, Logger, SimpleSessionManager } from '@sessionkit/core';
import type { Responder } from './responder.js';

export interface DemoDeps {
  /** The pool the session layer keeps sessions in (for capacity figures). */
  readonly manager: SimpleSessionManager;
  readonly responder: Responder;
  /** The manager's clock: times are reported on the clock that decides expiry. */
  readonly clock: Clock;
  readonly logger: Logger;
}
