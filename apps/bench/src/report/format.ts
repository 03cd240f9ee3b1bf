/** Number formatting shared by the Markdown and HTML reports. */
import type { Unit } from '../results.js';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Three significant digits, without exponent notation or trailing noise. */
function sig3(value: number): string {
  if (value >= 1000) return grouped.format(value);
  return String(Number(value.toPrecision(3)));
}

/** A duration in nanoseconds, in the unit that reads best: `812 ns`, `15.2 µs`, `198 ms`, `1.24 s`. */
export function formatNs(ns: number): string {
  if (ns < 1e3) return `${sig3(ns)} ns`;
  if (ns < 1e6) return `${sig3(ns / 1e3)} µs`;
  if (ns < 1e9) return `${sig3(ns / 1e6)} ms`;
  return `${sig3(ns / 1e9)} s`;
}

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'ns/op':
      return formatNs(value);
    case 'ms':
      return formatNs(value * 1e6);
    case 'bytes':
      return `${grouped.format(value)} B`;
  }
}

/** `13,021×`, `4.12×`, `0.84×`. */
export function formatRatio(ratio: number): string {
  return `${sig3(ratio)}×`;
}

/** Operations per second: `5.05`, `65,800`, `1.23 M`. */
export function formatOps(opsPerSec: number): string {
  if (opsPerSec >= 1e6) return `${sig3(opsPerSec / 1e6)} M`;
  if (opsPerSec >= 1e3) return grouped.format(Number(opsPerSec.toPrecision(3)));
  return sig3(opsPerSec);
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
