/**
 * The model backends a perspective thread can run on: a const object and a
 * union type of its values (`model_backend` in {@link ThreadJSON}).
 *
 * @example
 * ```ts
 * new Thread({ id: 'risk', name: 'risk', systemPrompt: perspectivePrompt('risk'), modelBackend: ModelBackend.OLLAMA });
 * ```
 */
export const ModelBackend = {
  /** Amazon Bedrock: `'bedrock'` (the default of `createSession`). */
  BEDROCK: 'bedrock',
  /** A LiteLLM proxy: `'litellm'`. */
  LITELLM: 'litellm',
  /** Ollama: `'ollama'`. */
  OLLAMA: 'ollama',
} as const;
/** One of the `ModelBackend` values: `'bedrock' | 'litellm' | 'ollama'`. */
export type ModelBackend = (typeof ModelBackend)[keyof typeof ModelBackend];

/**
 * The text a perspective answers with when it abstains (`'[NO_RESPONSE]'`):
 * `recordAnalysis` counts such answers as abstained, the rest as active.
 */
export const NO_RESPONSE = '[NO_RESPONSE]';
