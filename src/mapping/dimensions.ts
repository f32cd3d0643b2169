import type { CreateOrderRequest } from '../shipstation/schemas';
import type { UltraCartItem } from '../ultracart/order-schema';

export type ShipStationDimensions = NonNullable<CreateOrderRequest['dimensions']>;

const CM_PER_INCH = 2.54;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The order's package when UltraCart's item dimensions describe one: a single physical unit (one line,
 * quantity 1) with length, width and height. Several units could be packed in many ways, so then none is sent
 * and the packer measures in ShipStation. Mixed units are converted to inches.
 */
export function packageDimensions(lines: readonly UltraCartItem[]): ShipStationDimensions | null {
  if (lines.length !== 1 || lines[0].quantity !== 1) return null;
  const { length, width, height } = lines[0];
  if (!length || !width || !height || ![length, width, height].every((d) => d.value > 0)) return null;
  const sameUnit = length.uom === width.uom && width.uom === height.uom;
  const inches = (d: { value: number; uom: 'IN' | 'CM' }) => (d.uom === 'IN' ? d.value : d.value / CM_PER_INCH);
  if (sameUnit) return { length: round(length.value), width: round(width.value), height: round(height.value), units: length.uom === 'IN' ? 'inches' : 'centimeters' };
  return { length: round(inches(length)), width: round(inches(width)), height: round(inches(height)), units: 'inches' };
}
