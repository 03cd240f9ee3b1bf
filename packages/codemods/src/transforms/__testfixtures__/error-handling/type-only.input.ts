import type { SecurityError, ConcurrencyError } from '@sessionkit/legacy/exceptions';

export interface ToolFailure {
  security?: SecurityError;
  conflict?: ConcurrencyError;
}
