/** The HAProxy config is rendered from the template in the repository, every field filled in. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HAPROXY_TEMPLATE, renderHaproxyConfig } from '../../src/cluster/haproxy-config.js';

const values = {
  frontendPort: 41000,
  checkIntervalMs: 150,
  backends: [
    { name: 'replica-1', port: 41001 },
    { name: 'replica-2', port: 41002 },
  ],
};

describe('renderHaproxyConfig', () => {
  test('fills in the frontend, the health-check interval and one server line per replica, and leaves no field behind', () => {
    const config = renderHaproxyConfig(values);
    expect(config).toContain('bind 127.0.0.1:41000');
    expect(config).toContain('balance roundrobin');
    expect(config).toContain('default-server inter 150ms fastinter 150ms');
    expect(config).toMatch(/server replica-1 127\.0\.0\.1:41001\n\s+server replica-2 127\.0\.0\.1:41002/);
    expect(config).not.toMatch(/\{\{/);
    expect(readFileSync(HAPROXY_TEMPLATE, 'utf8')).toContain('{{SERVERS}}');
  });

  test('refuses a template field it does not know, and a server name HAProxy would misread', () => {
    expect(() => renderHaproxyConfig(values, 'bind {{FRONTEND_HOST}}')).toThrow(/unknown placeholder \{\{FRONTEND_HOST\}\}/);
    expect(() => renderHaproxyConfig({ ...values, backends: [{ name: 'replica 1', port: 1 }] })).toThrow(/invalid HAProxy server name/);
  });
});
