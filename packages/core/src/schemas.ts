/**
 * `@sessionkit/core/schemas`: the zod (v4, `zod/mini`) schemas of the
 * reference JSON forms, for validating session documents at your own
 * boundaries (an API that accepts exported state, a migration script). This
 * entry uses your installed `zod` (a peer dependency), so the schemas compose
 * with your own; the main entry bundles its own copy and needs none.
 *
 * @packageDocumentation
 */
export {
  analysisRecordJsonSchema,
  clientBindingJsonSchema,
  modelBackendSchema,
  principalSchema,
  securityEventJsonSchema,
  sessionIdSchema,
  sessionMetricsJsonSchema,
  sessionStateJsonSchema,
  threadJsonSchema,
  threadNameSchema,
} from './types/json-schemas.js';
