/** How a scenario reaches an app: it loads the app's modules by path (the original or the migrated copy). */
export type AppModule = Record<string, unknown>;
export type Load = (module: string) => Promise<AppModule>;

/** Calls an exported function (or a method of an object) by name: the scenario only knows the app's public names. */
export function call(target: unknown, name: string, ...args: unknown[]): unknown {
  const fn = (target as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new TypeError(`${name} is not a function of the app`);
  return (fn as (...a: unknown[]) => unknown).apply(target, args);
}
