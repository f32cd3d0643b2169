import { mapOrder } from '../../src/mapping';
import { createOrderRequestSchema } from '../../src/shipstation/schemas';
import type { UltraCartOrder } from '../../src/ultracart/order-schema';
import { anOrder } from './fixtures';

const map = (order: UltraCartOrder) => createOrderRequestSchema.parse(mapOrder(order, { merchantId: 'DEMO' }));
const item = (extra: Record<string, unknown>) => ({ item_index: 1, merchant_item_id: 'BOX', quantity: 1, ...extra });
const dims = (l: number, w: number, h: number, uom = 'IN') => ({ length: { value: l, uom }, width: { value: w, uom }, height: { value: h, uom } });

/** Order dimensions: sent when the items make one package (one unit with all three dimensions), else none. */
describe('package dimensions from UltraCart item dimensions', () => {
  it('one unit with length, width and height → dimensions in its unit', () => {
    expect(map(anOrder({ items: [item(dims(12, 8, 4))] })).dimensions).toEqual({ length: 12, width: 8, height: 4, units: 'inches' });
    expect(map(anOrder({ items: [item(dims(30, 20, 10, 'CM'))] })).dimensions).toEqual({ length: 30, width: 20, height: 10, units: 'centimeters' });
  });

  it('mixed units → inches', () => {
    const mixed = { length: { value: 25.4, uom: 'CM' }, width: { value: 5, uom: 'IN' }, height: { value: 2.54, uom: 'CM' } };
    expect(map(anOrder({ items: [item(mixed)] })).dimensions).toEqual({ length: 10, width: 5, height: 1, units: 'inches' });
  });

  it('several units, several lines, or a missing dimension → none (the packer measures)', () => {
    expect(map(anOrder({ items: [item({ ...dims(12, 8, 4), quantity: 2 })] })).dimensions).toBeNull();
    expect(map(anOrder({ items: [item(dims(12, 8, 4)), { ...item(dims(1, 1, 1)), item_index: 2, merchant_item_id: 'B2' }] })).dimensions).toBeNull();
    expect(map(anOrder({ items: [item({ length: { value: 12, uom: 'IN' }, width: { value: 8, uom: 'IN' } })] })).dimensions).toBeNull();
    expect(map(anOrder({ items: [item(dims(12, 0, 4))] })).dimensions).toBeNull();
  });

  it('a kit ships as its components: one component with dimensions is one package', () => {
    const kit = { ...item({ kit: true }), item_index: 1 };
    const part = { ...item(dims(6, 6, 6)), item_index: 2, merchant_item_id: 'PART', kit_component: true, parent_item_index: 1 };
    expect(map(anOrder({ items: [kit, part] })).dimensions).toEqual({ length: 6, width: 6, height: 6, units: 'inches' });
  });
});
