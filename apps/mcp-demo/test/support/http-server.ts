/**
 * Test support: the built server with `--http 0` as a child process; its URL
 * is read from the line it prints on stderr.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { assertBuilt, SERVER_ENTRY, TEST_ENV } from './client.js';

export interface HttpChild {
  readonly url: URL;
  readonly child: ChildProcess;
  stderr(): string;
  /** SIGKILL unless it already exited. */
  kill(): Promise<void>;
}

export async function startHttpChild(env: Record<string, string> = {}, args: string[] = []): Promise<HttpChild> {
  assertBuilt();
  const child = spawn(process.execPath, [SERVER_ENTRY, '--http', '0', ...args], {
    env: { PATH: process.env.PATH ?? '', ...TEST_ENV, SESSIONKIT_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<URL>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /Streamable HTTP on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
      if (match !== null) resolve(new URL(match[1] as string));
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${stderr}`)));
  });
  return {
    url,
    child,
    stderr: () => stderr,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
