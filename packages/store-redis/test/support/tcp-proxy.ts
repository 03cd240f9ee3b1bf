/**
 * A TCP proxy on loopback between the store and Redis, for network faults:
 * it can pause (a black hole: connections stay open, nothing flows, as when
 * a link drops packets), cut (every connection reset, new ones refused, as
 * when a host or link goes down), and delay (each chunk held for a while in
 * both directions, as on a slow link). Bytes are never lost or reordered
 * except by a cut, which drops whatever was in flight, like a real one.
 */
import { createServer, type Server, type Socket, connect as connectTcp } from 'node:net';

interface Pipe {
  client: Socket;
  upstream: Socket;
}

/** One direction of one connection: chunks wait here while paused or delayed, in order. */
class Lane {
  readonly #queue: { chunk: Buffer; due: number }[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly to: Socket,
    private readonly proxy: TcpProxy,
  ) {}

  push(chunk: Buffer): void {
    this.#queue.push({ chunk, due: Date.now() + this.proxy.delayMs });
    this.flush();
  }

  flush(): void {
    if (this.#timer !== undefined) return;
    while (this.#queue.length > 0 && !this.proxy.paused) {
      const next = this.#queue[0] as { chunk: Buffer; due: number };
      const wait = next.due - Date.now();
      if (wait > 0) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.flush();
        }, wait);
        return;
      }
      this.#queue.shift();
      if (!this.to.destroyed) this.to.write(next.chunk);
    }
  }

  drop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue.length = 0;
  }
}

export class TcpProxy {
  /** Added to every chunk, each way. */
  delayMs = 0;
  paused = false;
  readonly #pipes = new Set<Pipe>();
  readonly #lanes = new Set<Lane>();
  #server: Server | undefined;
  #port = 0;
  /** Connections accepted so far (each ioredis reconnect is one). */
  connections = 0;

  private constructor(private readonly targetPort: number) {}

  /** Starts a proxy to `127.0.0.1:targetPort` on a free loopback port. */
  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await proxy.#listen(0);
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.#port}`;
  }

  /** Nothing flows either way until resume(); connections stay open, and new ones are accepted but get nothing. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const lane of this.#lanes) lane.flush();
  }

  /** Resets every connection (bytes in flight are lost) and refuses new ones until restore(). */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const lane of this.#lanes) lane.drop();
    for (const { client, upstream } of this.#pipes) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.#pipes.clear();
    this.#lanes.clear();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    if (this.#server === undefined) await this.#listen(this.#port);
  }

  async close(): Promise<void> {
    this.paused = false;
    await this.cut();
  }

  async #listen(port: number): Promise<void> {
    const server = createServer((client) => this.#accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('proxy has no address');
    this.#port = address.port;
    this.#server = server;
  }

  #accept(client: Socket): void {
    this.connections++;
    const upstream = connectTcp({ port: this.targetPort, host: '127.0.0.1' });
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const pipe = { client, upstream };
    const toUpstream = new Lane(upstream, this);
    const toClient = new Lane(client, this);
    this.#pipes.add(pipe);
    this.#lanes.add(toUpstream).add(toClient);
    client.on('data', (chunk: Buffer) => toUpstream.push(chunk));
    upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
    const end = () => {
      this.#pipes.delete(pipe);
      this.#lanes.delete(toUpstream);
      this.#lanes.delete(toClient);
      toUpstream.drop();
      toClient.drop();
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }
}
