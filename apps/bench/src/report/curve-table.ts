/**
 * A curve as a table: one row per side, one column per point, and how much
 * the figure grew from the first point to the last (measured in one process
 * where the curve has that, else last ÷ first).
 */
import { orderedSides, sideHeadline, type Curve, type SideName } from '../results.js';
import { formatRatio, formatValue } from './format.js';

export interface CurveTable {
  header: string[];
  rows: string[][];
}

/** Every side that appears at any point, in report order. */
export function curveSides(curve: Curve): SideName[] {
  return orderedSides(new Set(curve.points.flatMap((point) => Object.keys(point.sides))));
}

/** The side's figure at each point (undefined where it was not measured). */
export function curveValues(curve: Curve, side: SideName): (number | undefined)[] {
  return curve.points.map((point) => sideHeadline({ sides: point.sides, compareBy: curve.compareBy }, side));
}

export function curveTable(curve: Curve): CurveTable {
  const header = ['side', ...curve.points.map((point) => `${point.x.toLocaleString('en-US')} ${curve.param}`), 'growth'];
  const rows = curveSides(curve).map((side) => {
    const values = curveValues(curve, side);
    const cells = values.map((value, index) => {
      if (value !== undefined) {
        const lost = curve.points[index]?.sides[side]?.lostUpdates;
        return lost && lost.lost > 0 ? `${formatValue(value, curve.unit)} (${lost.lost} lost)` : formatValue(value, curve.unit);
      }
      return curve.points[index]?.sides[side]?.error ? 'error' : '—';
    });
    const first = values[0];
    const last = values.at(-1);
    const measured = curve.growth?.[side];
    const growth = measured !== undefined ? formatRatio(measured) : first !== undefined && last !== undefined && first > 0 ? formatRatio(last / first) : '—';
    return [side, ...cells, growth];
  });
  return { header, rows };
}
