import type { UltraCartWeight } from '../ultracart/order-schema';
import type { CreateOrderRequest } from '../shipstation/schemas';

export type ShipStationWeight = NonNullable<CreateOrderRequest['weight']>;

const GRAMS_PER: Record<UltraCartWeight['uom'], number> = { G: 1, KG: 1000, OZ: 28.349523125, LB: 453.59237 };

/** Rounds away binary noise (0.1 × 3) to a precision far below what a scale reads. */
const round = (n: number) => Math.round(n * 1000) / 1000;

/** KG → grams × 1000, G → grams, LB → pounds, OZ → ounces. */
export function toShipStationWeight(weight: UltraCartWeight): ShipStationWeight {
  switch (weight.uom) {
    case 'KG':
      return { value: round(weight.value * 1000), units: 'grams' };
    case 'G':
      return { value: round(weight.value), units: 'grams' };
    case 'LB':
      return { value: round(weight.value), units: 'pounds' };
    case 'OZ':
      return { value: round(weight.value), units: 'ounces' };
  }
}

/**
 * Σ item weight × quantity. Lines in one unit keep it (after the KG → grams rule); mixed units are summed in
 * grams, the unit every UltraCart unit converts into exactly. `null` when no line carries a weight.
 */
export function sumWeights(lines: readonly { weight?: UltraCartWeight; quantity: number }[]): ShipStationWeight | null {
  const weighed = lines.flatMap((l) => (l.weight === undefined ? [] : [{ ...toShipStationWeight(l.weight), quantity: l.quantity, source: l.weight }]));
  if (weighed.length === 0) return null;
  const units = new Set(weighed.map((w) => w.units));
  if (units.size === 1) return { value: round(weighed.reduce((sum, w) => sum + w.value * w.quantity, 0)), units: weighed[0].units };
  return { value: round(weighed.reduce((sum, w) => sum + w.source.value * GRAMS_PER[w.source.uom] * w.quantity, 0)), units: 'grams' };
}
