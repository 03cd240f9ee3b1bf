/** The model backends a perspective thread can run on: a const object and a union type of its values. */
export const ModelBackend = {
  BEDROCK: 'bedrock',
  LITELLM: 'litellm',
  OLLAMA: 'ollama',
} as const;
export type ModelBackend = (typeof ModelBackend)[keyof typeof ModelBackend];

/** The text a perspective answers with when it abstains. */
export const NO_RESPONSE = '[NO_RESPONSE]';
