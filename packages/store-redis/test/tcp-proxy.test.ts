/** The fault suite's network proxy does what it says, against a real redis-server. */
import { createConnection, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { describeWithOwnRedis } from './support/redis.js';
import { startRedisServer } from '@sessionkit/core/testing';
import { TcpProxy } from './support/tcp-proxy.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function proxied(): Promise<TcpProxy> {
  const server = await startRedisServer();
  cleanups.push(() => server.dispose());
  const proxy = await TcpProxy.start(server.port);
  cleanups.push(() => proxy.close());
  return proxy;
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
    cleanups.push(async () => {
      socket.destroy();
    });
  });
}

/** Sends PING; resolves with the reply and how long it took, or with the socket's error. */
function ping(socket: Socket): Promise<{ reply: string; ms: number } | Error> {
  const started = performance.now();
  return new Promise((resolve) => {
    let reply = '';
    const onData = (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.endsWith('\r\n')) done({ reply: reply.trim(), ms: performance.now() - started });
    };
    const onError = (error: Error) => done(error);
    const done = (result: { reply: string; ms: number } | Error) => {
      socket.off('data', onData);
      socket.off('error', onError);
      resolve(result);
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.write('PING\r\n');
  });
}

describeWithOwnRedis('TcpProxy (the fault suite kit)', () => {
  it('passes traffic through', async () => {
    const proxy = await proxied();
    expect(await ping(await open(proxy.port))).toMatchObject({ reply: '+PONG' });
  });

  it('pause holds every byte until resume, then delivers it', async () => {
    const proxy = await proxied();
    const socket = await open(proxy.port);
    proxy.pause();
    const answered = ping(socket);
    const early = await Promise.race([answered, new Promise((resolve) => setTimeout(() => resolve('no reply'), 200))]);
    expect(early).toBe('no reply');
    proxy.resume();
    expect(await answered).toMatchObject({ reply: '+PONG' });
  });

  it('delay holds each chunk, both ways', async () => {
    const proxy = await proxied();
    const socket = await open(proxy.port);
    proxy.delayMs = 60;
    const result = await ping(socket);
    expect(result).toMatchObject({ reply: '+PONG' });
    expect((result as { ms: number }).ms).toBeGreaterThanOrEqual(115);
  });

  it('cut resets open connections and refuses new ones until restore', async () => {
    const proxy = await proxied();
    const socket = await open(proxy.port);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    await proxy.cut();
    await closed;
    await expect(open(proxy.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.restore();
    expect(await ping(await open(proxy.port))).toMatchObject({ reply: '+PONG' });
  });
});
