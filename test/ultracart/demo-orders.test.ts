import { demoOrderOfKind, generateDemoOrders, type DemoOrderKind } from '../../sandbox/demo-orders';
import { parseOrder, type UltraCartOrder } from '../../src/ultracart/order-schema';

describe('generateDemoOrders', () => {
  const raw = generateDemoOrders(60, 3);
  const orders: UltraCartOrder[] = raw.map((o) => parseOrder(o));
  const all = (pred: (o: UltraCartOrder) => boolean) => orders.filter(pred);

  it('is deterministic for a seed, differs across seeds, and a smaller set is a prefix', () => {
    expect(generateDemoOrders(60, 3)).toEqual(raw);
    expect(generateDemoOrders(60, 4)).not.toEqual(raw);
    expect(generateDemoOrders(10, 3)).toEqual(raw.slice(0, 10));
  });

  it('uses the given merchant and id prefix, with unique ids', () => {
    const custom = generateDemoOrders(5, 1, { merchantId: 'M9', idPrefix: 'X-' });
    expect(custom.map((o) => o.order_id)).toEqual(['X-1001', 'X-1002', 'X-1003', 'X-1004', 'X-1005']);
    expect(custom.every((o) => o.merchant_id === 'M9')).toBe(true);
    expect(new Set(raw.map((o) => o.order_id)).size).toBe(60);
  });

  it('covers every row of the field map across 20 orders', () => {
    const first20 = orders.slice(0, 20);
    const some = (pred: (o: UltraCartOrder) => boolean) => first20.some(pred);
    const items = (o: UltraCartOrder) => o.items;
    expect(some((o) => o.gift?.gift === true && !!o.gift.gift_message && !!o.gift.gift_wrap_title)).toBe(true);
    expect(some((o) => o.gift?.gift === true && !o.gift.gift_wrap_title)).toBe(true);
    expect(some((o) => o.coupons?.length === 1)).toBe(true);
    expect(some((o) => o.coupons?.length === 2)).toBe(true);
    expect(some((o) => items(o).some((i) => (i.options?.length ?? 0) > 0))).toBe(true);
    expect(some((o) => items(o).some((i) => i.kit) && items(o).some((i) => i.kit_component && i.parent_item_index !== undefined))).toBe(true);
    expect(some((o) => items(o).length >= 4)).toBe(true);
    for (const uom of ['LB', 'OZ', 'KG', 'G']) {
      expect(some((o) => o.shipping?.weight?.uom === uom)).toBe(true);
      expect(some((o) => items(o).some((i) => i.weight?.uom === uom))).toBe(true);
    }
    expect(some((o) => !!o.shipping && o.shipping.weight === undefined)).toBe(true);
    expect(some((o) => items(o).some((i) => !!i.image_url) && items(o).some((i) => !!i.inventory_location))).toBe(true);
    expect(some((o) => !!o.shipping?.country_code && o.shipping.country_code !== 'US')).toBe(true);
    expect(some((o) => o.shipping === undefined)).toBe(true);
    expect(some((o) => !!o.shipping && !o.shipping.address1)).toBe(true);
    expect(some((o) => (o.checkout?.comments?.length ?? 0) > 1000)).toBe(true);
    expect(some((o) => /[\u4e00-\u9fff]/.test(JSON.stringify(o.billing)))).toBe(true);
    expect(some((o) => /[\u0600-\u06ff]/.test(JSON.stringify(o.billing)))).toBe(true);
    expect(some((o) => /[\u0590-\u05ff]/.test(JSON.stringify(o.billing)))).toBe(true);
    expect(some((o) => /\p{Extended_Pictographic}/u.test(JSON.stringify(o.billing)))).toBe(true);
    expect(new Set(first20.map((o) => o.payment?.payment_method)).size).toBeGreaterThanOrEqual(4);
    expect(some((o) => !!o.internal?.merchant_notes)).toBe(true);
    expect(some((o) => !!o.shipping?.special_instructions)).toBe(true);
    expect(some((o) => (o.summary?.subtotal_discount?.value ?? 0) > 0)).toBe(true);
    expect(some((o) => (o.summary?.shipping_handling_total_discount?.value ?? 0) > 0)).toBe(true);
    expect(some((o) => o.shipping !== undefined && !o.shipping.day_phone && !o.shipping.evening_phone)).toBe(true);
  });

  it('can leave out orders without a ship-to address', () => {
    const shippable = generateDemoOrders(40, 3, { includeUnshippable: false }).map((o) => parseOrder(o));
    expect(shippable.every((o) => !!o.shipping?.address1 && !!o.shipping.city && !!o.shipping.country_code)).toBe(true);
    expect(all((o) => !o.shipping?.address1).length).toBe(6);
  });

  it('builds one order per kind, each parsing', () => {
    const kinds: DemoOrderKind[] = ['basic', 'gift', 'coupons', 'kit', 'international', 'rtl', 'unshippable', 'long-notes', 'discounts'];
    for (const kind of kinds) expect(() => parseOrder(demoOrderOfKind(kind))).not.toThrow();
    expect(parseOrder(demoOrderOfKind('unshippable')).shipping).toBeUndefined();
    expect(parseOrder(demoOrderOfKind('kit')).items.some((i) => i.kit_component)).toBe(true);
  });
});
