/**
 * `dist/bench-driver.js`: the process apps/bench's MCP workloads fork (with
 * an IPC channel) to measure the demo: the session layer's cost on one tool
 * call, and throughput behind HAProxy with 1 and 3 replicas. One set-up
 * message, then samples, then `exit`; every failure is reported, not thrown.
 */
import type { FromDriver, ToDriver } from './bench/protocol.js';
import { type OverheadBench, startOverhead } from './bench/overhead.js';
import { type ScaleOutBench, startScaleOut } from './bench/scale-out.js';

let bench: OverheadBench | ScaleOutBench | undefined;

function send(message: FromDriver): void {
  process.send?.(message);
}

async function handle(message: ToDriver): Promise<void> {
  switch (message.type) {
    case 'overhead':
      bench = await startOverhead(message.variant, message.redis);
      send({ type: 'ready', info: bench.info });
      return;
    case 'cluster':
      bench = await startScaleOut(message.replicas, message.clients, message.redis);
      send({ type: 'ready', info: bench.info });
      return;
    case 'sample':
      if (bench === undefined) throw new Error('sample before set-up');
      send(await bench.sample(message.durationMs));
      return;
    case 'exit':
      await bench?.close();
      process.disconnect?.();
      return;
  }
}

if (process.send === undefined) {
  process.stderr.write('bench-driver: run by apps/bench (forked with an IPC channel), not directly\n');
  process.exitCode = 1;
} else {
  process.on('message', (message: ToDriver) => {
    handle(message).catch((error: unknown) => {
      send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      void bench?.close().finally(() => process.disconnect?.());
    });
  });
}
