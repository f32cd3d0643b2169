import * as soap from 'soap';
import type { UltraCartSimulator } from '../../sandbox/ultracart/server';
import { DEFAULT_WSDL } from '../../src/config';
import type { UltraCartClient } from '../../src/ultracart/soap/client';
import { InvalidOrderError } from '../../src/ultracart/order-schema';
import { ACCESS_KEY, DC, MERCHANT, admin, connect, failure, minimalOrder, startSim } from './support';

let sim: UltraCartSimulator;
let client: UltraCartClient;

beforeAll(async () => {
  sim = await startSim();
  client = await connect(sim);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const ids = (n: number, prefix = 'O') => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
const post = (orders: unknown) => admin(sim, 'POST', '/_sim/orders', orders);
const stored = async (orderId: string) => (await admin(sim, 'GET', `/_sim/orders/${encodeURIComponent(orderId)}`)).body;

describe('getOrders batches', () => {
  it('hands out at most 100, the same batch until acknowledged, then the next ones', async () => {
    await post(ids(130).map((id) => minimalOrder(id)));
    const first = await client.getOrders();
    expect(first.map((b) => b.orderId)).toEqual(ids(100));
    expect((await client.getOrders()).map((b) => b.orderId)).toEqual(ids(100));

    await client.acknowledgeOrders(ids(100).slice(0, 60));
    expect((await client.getOrders()).map((b) => b.orderId)).toEqual(ids(130).slice(60));
    expect(await stored('O001')).toMatchObject({ imported: true, acknowledge_count: 1 });
  });

  it('returns an empty batch when nothing is queued', async () => {
    expect(await client.getOrders()).toEqual([]);
  });

  it('reports a malformed order as invalid, naming order and field, while the others come through', async () => {
    await post([minimalOrder('GOOD-1'), minimalOrder('BAD-1', { shipping: { country_code: 42 } }), minimalOrder('GOOD-2')]);
    const batch = await client.getOrders();
    expect(batch.map((b) => b.orderId)).toEqual(['GOOD-1', 'BAD-1', 'GOOD-2']);
    expect(batch[0].order?.order_id).toBe('GOOD-1');
    expect(batch[2].order?.order_id).toBe('GOOD-2');
    expect(batch[1].order).toBeUndefined();
    expect(batch[1].invalid).toMatch(/^order BAD-1: shipping\.country_code: /);
  });

  it('carries each valid order as UltraCart sent it, for its workflow to import without a getOrder', async () => {
    await post([minimalOrder('RAW-1', { checkout: { comments: 'as sent' } }), minimalOrder('RAW-BAD', { shipping: { country_code: 42 } })]);
    const [good, bad] = await client.getOrders();
    expect(good.raw).toMatchObject({ order_id: 'RAW-1', checkout: { comments: 'as sent' } });
    expect(bad.raw).toBeUndefined(); // its workflow fetches it, and parks naming the field
  });

  it('hands out only orders of the configured merchant', async () => {
    await post([minimalOrder('MINE'), minimalOrder('THEIRS', { merchant_id: 'OTHER' })]);
    expect((await client.getOrders()).map((b) => b.orderId)).toEqual(['MINE']);
    expect((await stored('MINE')).order.merchant_id).toBe('TESTM');
  });
});

describe('getOrder', () => {
  it('returns the order, acknowledged or not', async () => {
    await post(minimalOrder('G1'));
    await client.acknowledgeOrders(['G1']);
    expect((await client.getOrder('G1')).order_id).toBe('G1');
  });

  it('throws InvalidOrderError for a malformed order', async () => {
    await post(minimalOrder('BAD-2', { items: [{ item_index: 1, quantity: 1 }] }));
    const err = await client.getOrder('BAD-2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidOrderError);
    expect((err as Error).message).toMatch(/^order BAD-2: items\.0\.merchant_item_id: /);
  });
});

describe('requeue', () => {
  it('hands an acknowledged order out again, with the latest edit', async () => {
    await post([minimalOrder('R1'), minimalOrder('R2')]);
    await client.acknowledgeOrders(['R1', 'R2']);
    expect(await client.getOrders()).toEqual([]);

    await client.requeueOrder('R1');
    expect((await client.getOrders()).map((b) => b.orderId)).toEqual(['R1']);
    expect(await stored('R1')).toMatchObject({ imported: false, imported_at: null, requeue_count: 1 });

    await post(minimalOrder('R2', { checkout: { comments: 'edited' } }));
    const batch = await client.getOrders();
    expect(batch.map((b) => b.orderId)).toEqual(['R1', 'R2']);
    expect(batch[1].order?.checkout?.comments).toBe('edited');
  });

  it('is also what the admin route does', async () => {
    await post(minimalOrder('R3'));
    await client.acknowledgeOrders(['R3']);
    expect((await admin(sim, 'POST', '/_sim/orders/R3/requeue')).body).toMatchObject({ imported: false, requeue_count: 1 });
    expect((await client.getOrders()).map((b) => b.orderId)).toEqual(['R3']);
  });
});

describe('ship-back', () => {
  it('the simulator records the four older shipped* operations (the product sends shippedWithDetails only)', async () => {
    await post(['S1', 'S2', 'S3', 'S4'].map((id) => minimalOrder(id)));
    const raw = await soap.createClientAsync(DEFAULT_WSDL);
    raw.setEndpoint(sim.soapUrl);
    // npm soap leaves text unescaped; the key holds XML-special characters.
    const credentials = { merchantId: MERCHANT, distributionCenterCode: DC, accessKey: ACCESS_KEY.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') };
    await raw.shippedAsync({ credentials, orderId: 'S1', trackingNumber: '1Z001' });
    await raw.shippedWithCostAsync({ credentials, orderId: 'S2', trackingNumber: '1Z002', shippingCost: 7.25 });
    await raw.shippedWithMultipleTrackingNumbersAsync({ credentials, orderId: 'S3', trackingNumbers: ['T-1', 'T-2'] });
    await raw.shippedWithMultipleTrackingNumbersWithCostAsync({ credentials, orderId: 'S4', trackingNumbers: ['T-3'], shippingCost: 12.5 });
    expect(await stored('S1')).toMatchObject({ shipped: true, tracking_numbers: ['1Z001'], shipping_cost: null });
    expect(await stored('S2')).toMatchObject({ shipped: true, tracking_numbers: ['1Z002'], shipping_cost: 7.25 });
    expect(await stored('S3')).toMatchObject({ shipped: true, tracking_numbers: ['T-1', 'T-2'] });
    expect(await stored('S4')).toMatchObject({ shipped: true, tracking_numbers: ['T-3'], shipping_cost: 12.5 });
  });

  it('shippedWithDetails is idempotent per shipment_id, and a re-send without tracking withdraws a voided label', async () => {
    await post(minimalOrder('W1'));
    const shipment = {
      shipment_id: 'ss-1',
      tracking_numbers: ['9400111', '9400112'],
      carrier: 'USPS',
      service: 'Priority Mail',
      shipping_cost: 8.4,
      ship_date: '2024-05-03',
      notes_to_buyer: 'Thanks & enjoy <3 😀',
    };
    await client.shippedWithDetails('W1', shipment);
    const once = await stored('W1');
    await client.shippedWithDetails('W1', shipment);
    const twice = await stored('W1');
    expect(twice.shipments).toHaveLength(1);
    // The simulator counts receipts (drills tell a harmless repeat from a changed write-back by these).
    expect(twice.shipments[0]).toEqual({ ...shipment, received_at: expect.any(String), received_count: 2, content_changes: 0 });
    expect({ ...twice.shipments[0], received_at: 0, received_count: 0 }).toEqual({ ...once.shipments[0], received_at: 0, received_count: 0 });
    expect(twice.shipped).toBe(true);

    await client.shippedWithDetails('W1', { ...shipment, shipment_id: 'ss-2', tracking_numbers: ['1Z9'] });
    await client.shippedWithDetails('W1', { ...shipment, tracking_numbers: [] });
    const after = await stored('W1');
    expect(after.shipments.map((s: { shipment_id: string; tracking_numbers: string[] }) => [s.shipment_id, s.tracking_numbers])).toEqual([
      ['ss-1', []],
      ['ss-2', ['1Z9']],
    ]);
  });

  it('refuses a malformed shipment before sending it', async () => {
    await post(minimalOrder('W2'));
    const err = await failure(() => client.shippedWithDetails('W2', { shipment_id: '' } as never));
    expect(err).toMatchObject({ kind: 'UltraCartInvalidShipment', retryable: false });
    expect((await admin(sim, 'GET', '/_sim/stats')).body.calls.shippedWithDetails).toBeUndefined();
  });
});

describe('what travels is exactly what UltraCart holds', () => {
  const hostile = ['a & b', 'x < y > z', 'end ]]> of cdata', '<![CDATA[raw]]>', '&amp; &lt;', '😀🎉👍🏽 family 👨‍👩‍👧', 'שלום עולם', 'مرحبا بالعالم', '  padded  ', 'line\r\nbreak\ttab', 'ctl\u0001\u0007', '漢字かなカナ'];

  it('returns text byte-identical and unknown fields untouched', async () => {
    const order = minimalOrder('TXT-1', {
      checkout: { comments: hostile.join(' | ') },
      billing: { first_name: hostile[6], last_name: hostile[7], email: 'x@example.com' },
      customer_profile: { nested: { deep: [1, 'two', null, true, { x: hostile }] } },
      fraud_score: 0.5,
      Tags: [],
    });
    (order.items as Record<string, unknown>[])[0].hazmat = false;
    await post(order);
    const [entry] = await client.getOrders();
    expect(entry.order).toEqual({ ...order, merchant_id: 'TESTM' });
    expect((await client.getOrder('TXT-1')).checkout?.comments).toBe(hostile.join(' | '));
  });

  it('carries order ids and tracking numbers with special characters', async () => {
    const orderId = 'ID & <1> ]]>';
    await post(minimalOrder(orderId));
    expect((await client.getOrder(orderId)).order_id).toBe(orderId);
    await client.shippedWithDetails(orderId, { shipment_id: '<![CDATA[s]]>', tracking_numbers: ['A&B'], carrier: '<![CDATA[x]]>', service: 'y', shipping_cost: 0, ship_date: '2024-05-03' });
    expect((await stored(orderId)).shipments[0]).toMatchObject({ shipment_id: '<![CDATA[s]]>', tracking_numbers: ['A&B'], carrier: '<![CDATA[x]]>' });
  });

  it('round-trips a 500-item order', async () => {
    const items = Array.from({ length: 500 }, (_, i) => ({
      item_index: i + 1,
      merchant_item_id: `SKU-${i}`,
      description: `Item ${i} — ${hostile[i % hostile.length]}`,
      quantity: 1 + (i % 3),
      cost: { value: 1.5 + i, currency_code: 'USD' },
      options: [{ label: 'Size', value: 'M' }],
    }));
    await post(minimalOrder('BIG-1', { items }));
    const order = await client.getOrder('BIG-1');
    expect(order.items).toHaveLength(500);
    expect(order.items).toEqual(items);
  });
});

describe('acknowledgeOrders', () => {
  it('is a no-op for an empty list (no call made)', async () => {
    await client.acknowledgeOrders([]);
    expect((await admin(sim, 'GET', '/_sim/stats')).body.calls.acknowledgeOrders).toBeUndefined();
  });
});
