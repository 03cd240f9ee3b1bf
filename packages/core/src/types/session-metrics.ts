import type { z } from 'zod/mini';
import { formatTimestamp, type Stamp, stampMs } from '../timestamps.js';
import { parseOrThrow } from '../validation.js';
import { sessionMetricsJsonSchema } from './json-schemas.js';

/** Session metrics in the reference JSON shape. */
export interface SessionMetricsJSON {
  access_count: number;
  analysis_count: number;
  thread_count: number;
  last_accessed: string;
  total_response_time: number;
  avg_response_time: number;
  error_count: number;
  security_event_count: number;
}

/** Usage counters of one session. Timestamps are epoch ms or verbatim restored text. */
export class SessionMetrics {
  accessCount = 0;
  analysisCount = 0;
  threadCount = 0;
  #lastAccessedMs: number;
  #lastAccessedText: string | undefined;
  totalResponseTime = 0;
  avgResponseTime = 0;
  errorCount = 0;
  securityEventCount = 0;

  /** @param lastAccessed epoch ms or an ISO timestamp (kept verbatim). */
  constructor(lastAccessed: number | string = Date.now()) {
    this.#lastAccessedMs = stampMs(lastAccessed);
    this.#lastAccessedText = typeof lastAccessed === 'string' ? lastAccessed : undefined;
  }

  /** ISO timestamp of the last successful operation. */
  get lastAccessed(): string {
    return this.#lastAccessedText ?? formatTimestamp(this.#lastAccessedMs);
  }

  get lastAccessedMs(): number {
    return this.#lastAccessedMs;
  }

  clone(): SessionMetrics {
    const copy = new SessionMetrics(this.#lastAccessedText ?? this.#lastAccessedMs);
    copy.copyFrom(this);
    return copy;
  }

  /** Takes every counter of `other` (used to roll back in place). */
  copyFrom(other: SessionMetrics): void {
    this.accessCount = other.accessCount;
    this.analysisCount = other.analysisCount;
    this.threadCount = other.threadCount;
    this.#lastAccessedMs = other.#lastAccessedMs;
    this.#lastAccessedText = other.#lastAccessedText;
    this.totalResponseTime = other.totalResponseTime;
    this.avgResponseTime = other.avgResponseTime;
    this.errorCount = other.errorCount;
    this.securityEventCount = other.securityEventCount;
  }

  recordAnalysis(seconds: number): void {
    this.analysisCount++;
    this.totalResponseTime += seconds;
    this.avgResponseTime = this.totalResponseTime / this.analysisCount;
  }

  recordAccess(nowMs: number = Date.now()): void {
    this.accessCount++;
    this.#lastAccessedMs = nowMs;
    this.#lastAccessedText = undefined;
  }

  /** Marks the session used at `nowMs` without counting an access. */
  touch(nowMs: number): void {
    this.#lastAccessedMs = nowMs;
    this.#lastAccessedText = undefined;
  }

  recordError(): void {
    this.errorCount++;
  }

  recordSecurityEvent(): void {
    this.securityEventCount++;
  }

  toJSON(): SessionMetricsJSON {
    return {
      access_count: this.accessCount,
      analysis_count: this.analysisCount,
      thread_count: this.threadCount,
      last_accessed: this.lastAccessed,
      total_response_time: this.totalResponseTime,
      avg_response_time: this.avgResponseTime,
      error_count: this.errorCount,
      security_event_count: this.securityEventCount,
    };
  }

  /**
   * @param defaultLastAccessed used when `last_accessed` is missing.
   * @throws SessionValidationError naming the first bad field.
   */
  static fromJSON(data: unknown, defaultLastAccessed: number | string = Date.now()): SessionMetrics {
    return metricsFromValid(parseOrThrow(sessionMetricsJsonSchema, data, 'session metrics'), defaultLastAccessed);
  }
}

/** Builds metrics from JSON that `sessionMetricsJsonSchema` already accepted. */
export function metricsFromValid(valid: z.output<typeof sessionMetricsJsonSchema>, defaultLastAccessed: Stamp): SessionMetrics {
  const metrics = new SessionMetrics(valid.last_accessed ?? defaultLastAccessed);
  metrics.accessCount = valid.access_count ?? 0;
  metrics.analysisCount = valid.analysis_count ?? 0;
  metrics.threadCount = valid.thread_count ?? 0;
  metrics.totalResponseTime = valid.total_response_time ?? 0;
  metrics.avgResponseTime = valid.avg_response_time ?? 0;
  metrics.errorCount = valid.error_count ?? 0;
  metrics.securityEventCount = valid.security_event_count ?? 0;
  return metrics;
}
