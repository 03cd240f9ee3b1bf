/** Loads a responder from an ES module given on the command line (`--responder ./my-llm.mjs`). */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from './config.js';
import type { Responder } from './responder.js';

/**
 * Imports `specifier` (a path, relative to the working directory, or a package
 * name) and returns its default export, or its `responder` export, which must
 * be a function `(request) => string | Promise<string>`.
 */
export async function loadResponder(specifier: string, cwd: string = process.cwd()): Promise<Responder> {
  const isPath = specifier.startsWith('.') || isAbsolute(specifier);
  const target = isPath ? pathToFileURL(resolve(cwd, specifier)).href : specifier;
  let module: Record<string, unknown>;
  try {
    module = (await import(target)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`Could not load the responder module '${specifier}': ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const responder = module.default ?? module.responder;
  if (typeof responder !== 'function') {
    throw new ConfigError(`The responder module '${specifier}' must export a function as default or as 'responder'`);
  }
  return responder as Responder;
}
