// Module resolve hook: 'fs' imported by @modelcontextprotocol/conformance resolves to fs-with-glob.mjs.
const SHIMMED = new URL('./fs-with-glob.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if ((specifier === 'fs' || specifier === 'node:fs') && context.parentURL?.includes('/@modelcontextprotocol/conformance')) {
    return { url: SHIMMED, shortCircuit: true };
  }
  return next(specifier, context);
}
