import { mapOrder } from '../../src/mapping';
import { createOrderRequestSchema } from '../../src/shipstation/schemas';
import type { UltraCartOrder } from '../../src/ultracart/order-schema';
import { anOrder } from './fixtures';

const map = (order: UltraCartOrder, opts: Partial<Parameters<typeof mapOrder>[1]> = {}) =>
  createOrderRequestSchema.parse(mapOrder(order, { merchantId: 'DEMO', ...opts }));

/** One case per row of the Import table of field-map.md, named after the row. */
describe('field map, Import: UltraCart order → ShipStation createorder', () => {
  it('order identity: order_id → orderNumber unchanged; orderKey = ultracart:<merchant_id>:<order_id>', () => {
    const body = map(anOrder({ order_id: 'A-77/x' }));
    expect(body.orderNumber).toBe('A-77/x');
    expect(body.orderKey).toBe('ultracart:ACME:A-77/x');
    // No merchant on the order: the configured one; and the key is the same on every re-send.
    const noMerchant = anOrder({ merchant_id: undefined });
    expect(map(noMerchant).orderKey).toBe('ultracart:DEMO:1001');
    expect(map(noMerchant)).toEqual(map(noMerchant));
  });

  it('order date: creation_dts (UTC) → orderDate in Pacific time yyyy-MM-dd HH:mm:ss', () => {
    expect(map(anOrder({ creation_dts: '2024-01-15T20:00:00Z' })).orderDate).toBe('2024-01-15 12:00:00'); // PST
    expect(map(anOrder({ creation_dts: '2024-07-15T20:00:00.789Z' })).orderDate).toBe('2024-07-15 13:00:00'); // PDT
    expect(map(anOrder({ creation_dts: '2024-01-01T03:00:00+02:00' })).orderDate).toBe('2023-12-31 17:00:00');
  });

  it('payment date: payment.payment_dts → paymentDate (Pacific)', () => {
    expect(map(anOrder()).paymentDate).toBe('2024-07-15 12:00:00');
    expect(map(anOrder({ payment: { payment_dts: undefined } })).paymentDate).toBeNull();
  });

  it('status on import: every order awaiting_shipment; config maps stages (Hold → on_hold)', () => {
    expect(map(anOrder()).orderStatus).toBe('awaiting_shipment');
    expect(map(anOrder({ current_stage: 'Hold' })).orderStatus).toBe('awaiting_shipment');
    const statusMap = { Hold: 'on_hold', 'Accounts Receivable': 'awaiting_payment' } as const;
    expect(map(anOrder({ current_stage: 'Hold' }), { statusMap }).orderStatus).toBe('on_hold');
    expect(map(anOrder({ current_stage: 'Accounts Receivable' }), { statusMap }).orderStatus).toBe('awaiting_payment');
    expect(map(anOrder({ current_stage: 'Shipping Department' }), { statusMap }).orderStatus).toBe('awaiting_shipment');
  });

  it('ship-to (required): shipping.* → shipTo with name = first + last, state = state_region, country = country_code, residential', () => {
    expect(map(anOrder({ shipping: { ship_to_residential: true, country_code: 'us' } })).shipTo).toEqual({
      name: 'Ben Ng',
      company: 'Ng Co',
      street1: '2 Ship Ave',
      street2: 'Suite 5',
      city: 'Denver',
      state: 'CO',
      postalCode: '80202',
      country: 'US',
      phone: '303-555-0003',
      residential: true,
    });
    // A business address with no person still has a recipient.
    expect(map(anOrder({ shipping: { first_name: '', last_name: undefined } })).shipTo.name).toBe('Ng Co');
  });

  it('bill-to: billing.* → billTo (same rules)', () => {
    expect(map(anOrder()).billTo).toEqual({
      name: 'Ana Lopez',
      company: 'Lopez LLC',
      street1: '1 Bill St',
      street2: null,
      city: 'Austin',
      state: 'TX',
      postalCode: '78701',
      country: 'US',
      phone: '512-555-0001',
      residential: null,
    });
    // ShipStation requires a billTo: an order without billing is billed to its ship-to.
    expect(map(anOrder({ billing: undefined })).billTo.name).toBe('Ben Ng');
  });

  it('customer email: billing.email → customerEmail and customerUsername', () => {
    const body = map(anOrder());
    expect(body.customerEmail).toBe('ana@example.com');
    expect(body.customerUsername).toBe('ana@example.com');
    expect(map(anOrder({ billing: { email: undefined } })).customerEmail).toBeNull();
  });

  it('customer phone: shipping day_phone, else evening_phone, else billing day_phone → shipTo.phone; billing → billTo.phone', () => {
    expect(map(anOrder()).shipTo.phone).toBe('303-555-0003');
    expect(map(anOrder({ shipping: { day_phone: '' } })).shipTo.phone).toBe('303-555-0004');
    expect(map(anOrder({ shipping: { day_phone: undefined, evening_phone: undefined } })).shipTo.phone).toBe('512-555-0001');
    expect(map(anOrder({ billing: { day_phone: undefined } })).billTo.phone).toBe('512-555-0002');
    expect(map(anOrder({ billing: { day_phone: undefined, evening_phone: undefined } })).billTo.phone).toBe('303-555-0003');
  });

  it('requested shipping service: shipping.shipping_method → requestedShippingService', () => {
    expect(map(anOrder()).requestedShippingService).toBe('FedEx Ground');
  });

  it('payment method: payment.payment_method → paymentMethod', () => {
    expect(map(anOrder({ payment: { payment_method: 'PayPal' } })).paymentMethod).toBe('PayPal');
  });

  it('totals: summary.total, tax, shipping_handling_total → amountPaid, taxAmount, shippingAmount', () => {
    const body = map(anOrder({ summary: { total: { value: 0.1 + 0.2 }, tax: { value: '1.50' }, shipping_handling_total: { value: 7 } } }));
    expect([body.amountPaid, body.taxAmount, body.shippingAmount]).toEqual([0.3, 1.5, 7]);
  });

  it('discount amount: subtotal_discount + shipping_handling_total_discount → advancedOptions.customField3 "12.50", empty when zero', () => {
    const discounted = anOrder({ summary: { subtotal_discount: { value: 7.5 }, shipping_handling_total_discount: { value: 5 } } });
    expect(map(discounted).advancedOptions?.customField3).toBe('12.50');
    expect(map(anOrder({ summary: { subtotal_discount: { value: 3 } } })).advancedOptions?.customField3).toBe('3.00');
    expect(map(anOrder()).advancedOptions?.customField3).toBe('');
    expect(map(anOrder({ summary: { subtotal_discount: { value: 0 } } })).advancedOptions?.customField3).toBe('');
  });

  it('coupons: one adjustment item per coupon, COUPON-<code>, quantity 1, negative share (whole discount on the first)', () => {
    const order = anOrder({
      coupons: [{ coupon_code: 'SAVE10' }, { coupon_code: 'FREESHIP' }],
      summary: { subtotal_discount: { value: 7.5 }, shipping_handling_total_discount: { value: 5 } },
    });
    const adjustments = map(order).items?.filter((i) => i.adjustment);
    expect(adjustments).toEqual([
      { lineItemKey: 'coupon-1', sku: 'COUPON-SAVE10', name: 'Coupon SAVE10', quantity: 1, unitPrice: -12.5, adjustment: true },
      { lineItemKey: 'coupon-2', sku: 'COUPON-FREESHIP', name: 'Coupon FREESHIP', quantity: 1, unitPrice: 0, adjustment: true },
    ]);
    expect(map(anOrder()).items?.some((i) => i.adjustment)).toBe(false);
  });

  it('gift: gift.gift, gift_message (+ gift_wrap_title on its own line) → gift, giftMessage', () => {
    const body = map(anOrder({ gift: { gift: true, gift_message: 'Happy birthday!', gift_wrap_title: 'Gold paper' } }));
    expect(body.gift).toBe(true);
    expect(body.giftMessage).toBe('Happy birthday!\nGold paper');
    expect(map(anOrder({ gift: { gift: true, gift_message: 'Hi' } })).giftMessage).toBe('Hi');
    expect(map(anOrder())).toMatchObject({ gift: false, giftMessage: null });
  });

  it('internal notes / order activity: internal.merchant_notes → internalNotes', () => {
    expect(map(anOrder({ internal: { merchant_notes: 'Call before shipping\nfragile' } })).internalNotes).toBe('Call before shipping\nfragile');
  });

  it('internal notes / order activity: internal.transactional_merchant_notes follow as "Order activity"', () => {
    const internal = {
      merchant_notes: 'VIP',
      transactional_merchant_notes: [
        { note: 'Payment captured', note_dts: '2024-07-15T12:00:00-04:00', user: 'system', ip_address: '10.0.0.1' },
        { note: 'Customer asked for &quot;no signature&quot;', user: 'jane' },
        { note: '   ' },
      ],
    };
    expect(map(anOrder({ internal })).internalNotes).toBe(
      'VIP\n\nOrder activity:\n2024-07-15T12:00:00-04:00 system: Payment captured\njane: Customer asked for "no signature"',
    );
    expect(map(anOrder({ internal: { transactional_merchant_notes: [{ note: 'Held for review' }] } })).internalNotes).toBe('Order activity:\n-: Held for review');
  });

  it('customer notes: checkout.comments and shipping.special_instructions → customerNotes, blank line between, empty parts dropped', () => {
    const both = anOrder({ checkout: { comments: 'No invoice please' }, shipping: { special_instructions: 'Side door' } });
    expect(map(both).customerNotes).toBe('No invoice please\n\nSide door');
    expect(map(anOrder({ checkout: { comments: '   ' }, shipping: { special_instructions: 'Side door' } })).customerNotes).toBe('Side door');
    expect(map(anOrder({ checkout: { comments: 'Only this' } })).customerNotes).toBe('Only this');
    expect(map(anOrder()).customerNotes).toBeNull();
  });

  it('order weight: shipping.weight, else Σ item weight × quantity (KG → grams × 1000, LB → pounds, OZ → ounces, G → grams; mixed → grams)', () => {
    expect(map(anOrder({ shipping: { weight: { value: 1.25, uom: 'KG' } } })).weight).toEqual({ value: 1250, units: 'grams' });
    expect(map(anOrder({ shipping: { weight: { value: 3, uom: 'LB' } } })).weight).toEqual({ value: 3, units: 'pounds' });
    expect(map(anOrder()).weight).toEqual({ value: 8, units: 'ounces' }); // 3 oz × 2 + 2 oz
    const mixed = anOrder({
      items: [
        { item_index: 1, merchant_item_id: 'A', quantity: 2, weight: { value: 1, uom: 'LB' } },
        { item_index: 2, merchant_item_id: 'B', quantity: 1, weight: { value: 0.1, uom: 'KG' } },
        { item_index: 3, merchant_item_id: 'C', quantity: 1 },
      ],
    });
    expect(map(mixed).weight).toEqual({ value: 1007.185, units: 'grams' }); // 2 × 453.59237 + 100
    expect(map(anOrder({ items: [{ item_index: 1, merchant_item_id: 'A', quantity: 1 }] })).weight).toBeNull();
  });

  it('item weight: items[].weight → items[].weight (same unit rules)', () => {
    const order = anOrder({
      items: [
        { item_index: 1, merchant_item_id: 'A', quantity: 1, weight: { value: 0.35, uom: 'KG' } },
        { item_index: 2, merchant_item_id: 'B', quantity: 1, weight: { value: 12, uom: 'G' } },
        { item_index: 3, merchant_item_id: 'C', quantity: 1, weight: { value: 2, uom: 'LB' } },
        { item_index: 4, merchant_item_id: 'D', quantity: 1, weight: { value: 5, uom: 'OZ' } },
        { item_index: 5, merchant_item_id: 'E', quantity: 1 },
      ],
    });
    expect(map(order).items?.map((i) => i.weight)).toEqual([
      { value: 350, units: 'grams' },
      { value: 12, units: 'grams' },
      { value: 2, units: 'pounds' },
      { value: 5, units: 'ounces' },
      null,
    ]);
  });

  it('item image: items[].image_url → items[].imageUrl', () => {
    const order = anOrder({ items: [{ item_index: 1, merchant_item_id: 'A', quantity: 1, image_url: 'https://cdn.example.com/a.jpg?w=200&amp;h=200' }] });
    expect(map(order).items?.[0].imageUrl).toBe('https://cdn.example.com/a.jpg?w=200&h=200');
  });

  it('item options (colour, size): items[].options[] {label, value} → items[].options[] {name, value}', () => {
    const order = anOrder({
      items: [{ item_index: 1, merchant_item_id: 'A', quantity: 1, options: [{ label: 'Colour', value: 'Red' }, { label: 'Size', value: 'XL' }, { label: 'Engraving' }] }],
    });
    expect(map(order).items?.[0].options).toEqual([
      { name: 'Colour', value: 'Red' },
      { name: 'Size', value: 'XL' },
      { name: 'Engraving', value: '' },
    ]);
  });

  it('item warehouse location: items[].inventory_location → items[].warehouseLocation', () => {
    const order = anOrder({ items: [{ item_index: 1, merchant_item_id: 'A', quantity: 1, inventory_location: 'A-12-3' }] });
    expect(map(order).items?.[0].warehouseLocation).toBe('A-12-3');
  });

  it('item identity: item_index, merchant_item_id, description, quantity, cost.value → lineItemKey, sku, name, quantity, unitPrice', () => {
    expect(map(anOrder()).items?.[1]).toMatchObject({ lineItemKey: '2', sku: 'SKU-2', name: 'Gadget', quantity: 1, unitPrice: 5.25, adjustment: false });
    // ShipStation's item name is not nullable: without a description the SKU names the line.
    expect(map(anOrder({ items: [{ item_index: 1, merchant_item_id: 'A', quantity: 1 }] })).items?.[0]).toMatchObject({ name: 'A', unitPrice: null });
  });

  it('kits: components shipped as their own lines; the parent line is kept only when it has no components', () => {
    const order = anOrder({
      items: [
        { item_index: 1, merchant_item_id: 'KIT', quantity: 1, kit: true, cost: { value: 50 } },
        { item_index: 2, merchant_item_id: 'PART-A', quantity: 1, kit_component: true, parent_item_index: 1 },
        { item_index: 3, merchant_item_id: 'PART-B', quantity: 2, kit_component: true, parent_item_index: 1 },
        { item_index: 4, merchant_item_id: 'EMPTY-KIT', quantity: 1, kit: true },
        { item_index: 5, merchant_item_id: 'PLAIN', quantity: 1 },
      ],
    });
    expect(map(order).items?.map((i) => [i.lineItemKey, i.sku, i.quantity])).toEqual([
      ['2', 'PART-A', 1],
      ['3', 'PART-B', 2],
      ['4', 'EMPTY-KIT', 1],
      ['5', 'PLAIN', 1],
    ]);
  });

  it('store: config storeId → advancedOptions.storeId, advancedOptions.source = UltraCart', () => {
    expect(map(anOrder(), { storeId: 42 }).advancedOptions).toMatchObject({ storeId: 42, source: 'UltraCart' });
    expect(map(anOrder()).advancedOptions).toMatchObject({ storeId: null, source: 'UltraCart' });
  });

  it('text hygiene: HTML entities decoded, control characters removed, length limits respected (truncate with "…", never reject)', () => {
    const body = map(
      anOrder({
        shipping: { first_name: 'Zo&euml;&#x2019;s', last_name: 'Caf&eacute;\u0007', address1: 'Main\tSt\u0000 &#35;5', company: 'B'.repeat(300) },
        internal: { merchant_notes: 'line 1\r\nline 2\u001b' },
      }),
    );
    expect(body.shipTo.name).toBe('Zo&euml;’s Café'); // unknown named entity kept as written
    expect(body.shipTo.street1).toBe('Main St #5');
    expect(body.shipTo.company).toHaveLength(100);
    expect(body.shipTo.company?.endsWith('…')).toBe(true);
    expect(body.internalNotes).toBe('line 1\nline 2');
  });
});
