import type { z } from 'zod/mini';
import { copyStringRecord } from '../json-value.js';
import { parseOrThrow } from '../validation.js';
import { analysisRecordJsonSchema } from './json-schemas.js';
import { NO_RESPONSE } from './model-backend.js';

/** An analysis as a JSON document (snake_case keys, as the old system wrote them). */
export interface AnalysisRecordJSON {
  /** The prompt that was fanned out. */
  prompt: string;
  /** ISO 8601 timestamp of when it was recorded. */
  timestamp: string;
  /** Perspective name -> its answer ({@link NO_RESPONSE} when it abstained). */
  responses: Record<string, string>;
  /** How many perspectives answered. */
  active_count: number;
  /** How many perspectives abstained. */
  abstained_count: number;
}

/** One prompt fanned out to the perspectives, and what each answered. Made by `session.recordAnalysis(...)`. */
export class AnalysisRecord {
  /**
   * @param prompt - The prompt that was fanned out.
   * @param timestamp - ISO 8601 timestamp of when it was recorded.
   * @param responses - Perspective name -> its answer (held as given, not copied).
   * @param activeCount - How many perspectives answered.
   * @param abstainedCount - How many abstained.
   */
  constructor(
    /** The prompt that was fanned out. */
    readonly prompt: string,
    /** ISO 8601 timestamp of when it was recorded. */
    readonly timestamp: string,
    /** Perspective name -> its answer ({@link NO_RESPONSE} when it abstained). */
    readonly responses: Record<string, string>,
    /** How many perspectives answered. */
    readonly activeCount: number,
    /** How many perspectives abstained. */
    readonly abstainedCount: number,
  ) {}

  /**
   * Counts active and abstaining ({@link NO_RESPONSE}) perspectives.
   * @param prompt - The prompt.
   * @param responses - Perspective name -> its answer (held as given, not copied).
   * @param timestamp - ISO 8601 timestamp.
   */
  static fromResponses(prompt: string, responses: Record<string, string>, timestamp: string): AnalysisRecord {
    let active = 0;
    let total = 0;
    for (const key in responses) {
      if (!Object.hasOwn(responses, key)) continue;
      total++;
      if (responses[key] !== NO_RESPONSE) active++;
    }
    return new AnalysisRecord(prompt, timestamp, responses, active, total - active);
  }

  /** The analysis as an {@link AnalysisRecordJSON} document (its responses copied). */
  toJSON(): AnalysisRecordJSON {
    return {
      prompt: this.prompt,
      timestamp: this.timestamp,
      responses: copyStringRecord(this.responses),
      active_count: this.activeCount,
      abstained_count: this.abstainedCount,
    };
  }

  /**
   * Builds an analysis from an {@link AnalysisRecordJSON} document (its counts taken as they are).
   * @param data - The document (unknown: it is validated).
   * @throws {@link SessionValidationError} naming the first bad field.
   */
  static fromJSON(data: unknown): AnalysisRecord {
    return analysisFromValid(parseOrThrow(analysisRecordJsonSchema, data, 'analysis record'));
  }
}

/** Builds an analysis from JSON that `analysisRecordJsonSchema` already accepted. */
export function analysisFromValid(valid: z.output<typeof analysisRecordJsonSchema>): AnalysisRecord {
  return new AnalysisRecord(valid.prompt, valid.timestamp, valid.responses, valid.active_count, valid.abstained_count);
}
