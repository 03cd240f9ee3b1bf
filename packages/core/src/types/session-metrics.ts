import type { z } from 'zod/mini';
import { formatTimestamp, type Stamp, stampMs } from '../timestamps.js';
import { parseOrThrow } from '../validation.js';
import { sessionMetricsJsonSchema } from './json-schemas.js';

/** Session metrics as a JSON document (snake_case keys, as the old system wrote them). */
export interface SessionMetricsJSON {
  /** Successful operations (not counted: `exportState`, and the hooks of `@sessionkit/core/interop`). */
  access_count: number;
  /** Analyses `recordAnalysis` recorded over the session's life (a cleanup does not reset it). */
  analysis_count: number;
  /** Perspective threads the session holds. */
  thread_count: number;
  /** ISO 8601 timestamp of the last successful operation (the creation time until then). */
  last_accessed: string;
  /** Sum of the analyses' response times, in seconds. */
  total_response_time: number;
  /** `total_response_time / analysis_count`, in seconds (0 before the first analysis). */
  avg_response_time: number;
  /** Failed operations. */
  error_count: number;
  /** Security events recorded in all (the session keeps only the newest 100). */
  security_event_count: number;
}

/**
 * Usage counters of one session (camelCase; {@link SessionMetricsJSON} is
 * its JSON form). Sessions keep them up to date; timestamps are epoch ms or
 * verbatim restored text.
 */
export class SessionMetrics {
  /** Successful operations (not counted: `exportState`, and the hooks of `@sessionkit/core/interop`). */
  accessCount = 0;
  /** Analyses `recordAnalysis` recorded over the session's life. */
  analysisCount = 0;
  /** Perspective threads the session holds. */
  threadCount = 0;
  #lastAccessedMs: number;
  #lastAccessedText: string | undefined;
  /** Sum of the analyses' response times, in seconds. */
  totalResponseTime = 0;
  /** `totalResponseTime / analysisCount`, in seconds (0 before the first analysis). */
  avgResponseTime = 0;
  /** Failed operations. */
  errorCount = 0;
  /** Security events recorded in all. */
  securityEventCount = 0;

  /** @param lastAccessed - Epoch ms or an ISO timestamp (kept verbatim); default: now. */
  constructor(lastAccessed: number | string = Date.now()) {
    this.#lastAccessedMs = stampMs(lastAccessed);
    this.#lastAccessedText = typeof lastAccessed === 'string' ? lastAccessed : undefined;
  }

  /** ISO timestamp of the last successful operation. */
  get lastAccessed(): string {
    return this.#lastAccessedText ?? formatTimestamp(this.#lastAccessedMs);
  }

  /** `lastAccessed` in epoch milliseconds. */
  get lastAccessedMs(): number {
    return this.#lastAccessedMs;
  }

  /** An independent copy. */
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

  /**
   * Counts one analysis and its response time, and recomputes the average.
   * @param seconds - The analysis's response time, in seconds.
   */
  recordAnalysis(seconds: number): void {
    this.analysisCount++;
    this.totalResponseTime += seconds;
    this.avgResponseTime = this.totalResponseTime / this.analysisCount;
  }

  /**
   * Counts one access and sets `lastAccessed`.
   * @param nowMs - When, in epoch ms (default: now).
   */
  recordAccess(nowMs: number = Date.now()): void {
    this.accessCount++;
    this.#lastAccessedMs = nowMs;
    this.#lastAccessedText = undefined;
  }

  /**
   * Marks the session used at `nowMs` without counting an access.
   * @param nowMs - When, in epoch ms.
   */
  touch(nowMs: number): void {
    this.#lastAccessedMs = nowMs;
    this.#lastAccessedText = undefined;
  }

  /** Counts one failed operation. */
  recordError(): void {
    this.errorCount++;
  }

  /** Counts one security event. */
  recordSecurityEvent(): void {
    this.securityEventCount++;
  }

  /** The counters as a {@link SessionMetricsJSON} document. */
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
   * Builds metrics from a {@link SessionMetricsJSON} document; every key is
   * optional (a missing counter is 0).
   * @param data - The document (unknown: it is validated).
   * @param defaultLastAccessed - Used when `last_accessed` is missing (default: now).
   * @throws {@link SessionValidationError} naming the first bad field.
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
