/**
 * Progress on stderr: which workload, which phase, how many samples, how far
 * into its time budget. On a terminal one line is rewritten in place; in CI
 * logs (no TTY) a line is printed per phase change and at most every few
 * seconds, so logs stay short but a stuck run is visible.
 */
import type { HarnessProgress } from './harness.js';
import type { SideName } from './results.js';

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

const PERIODIC_LINE_MS = 5_000;

export class Progress {
  readonly #out: ProgressStream;
  readonly #now: () => number;
  readonly #total: number;
  #lastLineAt = Number.NEGATIVE_INFINITY;
  #live = false;

  constructor(out: ProgressStream, total: number, now: () => number = () => performance.now()) {
    this.#out = out;
    this.#total = total;
    this.#now = now;
  }

  /** A line that stays (run start, warnings, the end). */
  line(text: string): void {
    this.#clearLive();
    this.#out.write(`${text}\n`);
  }

  /** Progress for the `index`-th (1-based) workload of the run. */
  workload(index: number, id: string, budgetMs: number): WorkloadProgress {
    const width = String(this.#total).length;
    const prefix = `[${String(index).padStart(width)}/${this.#total}] ${id.padEnd(16)}`;
    const start = this.#now();
    return new WorkloadProgress({
      status: (text, important) => this.#status(`${prefix} ${text}`, important),
      done: (text) => this.line(`${prefix} ${text} (${seconds(this.#now() - start)})`),
      budgetMs,
      elapsedMs: () => this.#now() - start,
    });
  }

  #status(text: string, important: boolean): void {
    if (this.#out.isTTY) {
      this.#out.write(`\r\x1b[K${text}`);
      this.#live = true;
      return;
    }
    const now = this.#now();
    if (important || now - this.#lastLineAt >= PERIODIC_LINE_MS) {
      this.#out.write(`${text}\n`);
      this.#lastLineAt = now;
    }
  }

  #clearLive(): void {
    if (this.#live) {
      this.#out.write('\r\x1b[K');
      this.#live = false;
    }
  }
}

interface WorkloadProgressSink {
  status(text: string, important: boolean): void;
  done(text: string): void;
  budgetMs: number;
  elapsedMs(): number;
}

export class WorkloadProgress implements HarnessProgress {
  readonly #sink: WorkloadProgressSink;

  constructor(sink: WorkloadProgressSink) {
    this.#sink = sink;
  }

  /** Set-up work before measuring (building a 100k-session pool …). */
  setup(what: string): void {
    this.#sink.status(`setting up: ${what}`, true);
  }

  phase(phase: 'warm-up' | 'measure', side?: SideName): void {
    const what = phase === 'warm-up' ? `warming up ${side ?? ''}`.trim() : 'measuring';
    this.#sink.status(`${what} (${this.#budget()})`, true);
  }

  round(round: number, samples: Partial<Record<SideName, number>>, _elapsedMs: number): void {
    const counts = Object.entries(samples)
      .map(([side, count]) => `${side} ${count}`)
      .join(' · ');
    const elapsed = seconds(this.#sink.elapsedMs());
    this.#sink.status(`round ${round}: ${counts || 'no side left'} samples, ${elapsed} elapsed (${this.#budget()})`, false);
  }

  /** Workloads with a zero budget take a fixed number of samples instead. */
  #budget(): string {
    return this.#sink.budgetMs > 0 ? `budget ${seconds(this.#sink.budgetMs)}` : 'fixed sample count';
  }

  done(summary: string): void {
    this.#sink.done(summary);
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
