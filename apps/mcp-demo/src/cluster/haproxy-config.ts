/**
 * Renders `haproxy.cfg.template` (next to this file in the repository) for
 * one run: the frontend port and one `server` line per replica.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoRoot } from './demo-root.js';

export interface HaproxyBackend {
  /** The replica's name in HAProxy (and its `x-sessionkit-replica` id). */
  name: string;
  port: number;
}

export interface HaproxyConfigValues {
  frontendPort: number;
  backends: readonly HaproxyBackend[];
  checkIntervalMs: number;
}

export const HAPROXY_TEMPLATE = join(demoRoot(), 'src', 'cluster', 'haproxy.cfg.template');

/** The template with every `{{NAME}}` filled in; throws if one is left or unknown. */
export function renderHaproxyConfig(values: HaproxyConfigValues, template: string = readFileSync(HAPROXY_TEMPLATE, 'utf8')): string {
  for (const backend of values.backends) {
    if (!/^[A-Za-z0-9_.-]+$/.test(backend.name)) throw new RangeError(`invalid HAProxy server name ${JSON.stringify(backend.name)}`);
  }
  const fields: Record<string, string> = {
    FRONTEND_PORT: String(values.frontendPort),
    CHECK_INTERVAL_MS: String(values.checkIntervalMs),
    SERVERS: values.backends.map((backend) => `    server ${backend.name} 127.0.0.1:${backend.port}`).join('\n'),
  };
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_match, name: string) => {
    const value = fields[name];
    if (value === undefined) throw new RangeError(`haproxy.cfg.template: unknown placeholder {{${name}}}`);
    return value;
  });
}
