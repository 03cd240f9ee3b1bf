import type { z } from 'zod/mini';
import { copyStringRecord } from '../json-value.js';
import { parseOrThrow } from '../validation.js';
import { analysisRecordJsonSchema } from './json-schemas.js';
import { NO_RESPONSE } from './model-backend.js';

/** An analysis in the reference JSON shape. */
export interface AnalysisRecordJSON {
  prompt: string;
  timestamp: string;
  responses: Record<string, string>;
  active_count: number;
  abstained_count: number;
}

/** One prompt fanned out to the perspectives, and what each answered. */
export class AnalysisRecord {
  constructor(
    readonly prompt: string,
    readonly timestamp: string,
    readonly responses: Record<string, string>,
    readonly activeCount: number,
    readonly abstainedCount: number,
  ) {}

  /** Counts active and abstaining (`[NO_RESPONSE]`) perspectives. */
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

  toJSON(): AnalysisRecordJSON {
    return {
      prompt: this.prompt,
      timestamp: this.timestamp,
      responses: copyStringRecord(this.responses),
      active_count: this.activeCount,
      abstained_count: this.abstainedCount,
    };
  }

  /** @throws SessionValidationError naming the first bad field. */
  static fromJSON(data: unknown): AnalysisRecord {
    return analysisFromValid(parseOrThrow(analysisRecordJsonSchema, data, 'analysis record'));
  }
}

/** Builds an analysis from JSON that `analysisRecordJsonSchema` already accepted. */
export function analysisFromValid(valid: z.output<typeof analysisRecordJsonSchema>): AnalysisRecord {
  return new AnalysisRecord(valid.prompt, valid.timestamp, valid.responses, valid.active_count, valid.abstained_count);
}
