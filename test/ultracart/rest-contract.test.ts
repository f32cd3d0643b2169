import { inspect } from 'node:util';
import { startUltraCartSimulator, type UltraCartSimulator } from '../../sandbox/ultracart/server';
import { UltraCartGate } from '../../src/ultracart/gate';
import { createRestTransport } from '../../src/ultracart/rest/transport';
import { API_VERSION, REST_LIMITS } from '../../src/ultracart/rest/schemas';
import type { UltraCartTransport } from '../../src/ultracart/transport';
import { admin, failure, minimalOrder } from './support';

/** The REST client against the simulator's REST routes: envelopes, each documented status, limits, no concurrency. */

const KEY = 'simple-key-&-SECRET-77Q';
const MERCHANT = 'RESTM';
const DC = 'DC1';

let sim: UltraCartSimulator;
let rest: UltraCartTransport;
const transport = (overrides: { apiKey?: () => string; dcCode?: string; gate?: UltraCartGate } = {}) =>
  createRestTransport({ restUrl: sim.restUrl, apiKey: () => KEY, merchantId: MERCHANT, dcCode: DC, timeoutMs: 2_000, gate: new UltraCartGate({ perHour: 1000, firstPauseMs: 50, maxWaitMs: 2_000 }), ...overrides });

beforeAll(async () => {
  sim = await startUltraCartSimulator({ port: 0, merchantId: MERCHANT, dcCode: DC, simpleKey: KEY });
  rest = transport();
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  await admin(sim, 'POST', '/_sim/config', { rate_limit_per_hour: 1000, rate_limit_per_day: 10_000, reject_concurrent: true });
});

const ids = (n: number, prefix = 'R') => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
const post = (orders: unknown) => admin(sim, 'POST', '/_sim/orders', orders);
const stored = async (orderId: string) => (await admin(sim, 'GET', `/_sim/orders/${encodeURIComponent(orderId)}`)).body;
/** A raw request as UltraCart's SDKs send it, for what the client never sends (over-limit bodies, bad headers). */
const raw = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sim.restUrl}${path}`, {
    method,
    headers: { 'X-UltraCart-Api-Version': API_VERSION, 'x-ultracart-simple-key': KEY, accept: 'application/json', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const dcPath = `/fulfillment/distribution_centers/${DC}`;

describe('queued orders', () => {
  it('hands out at most 100, fully expanded, the same batch until acknowledged', async () => {
    await post(ids(130).map((id) => minimalOrder(id, { customer_profile: { email: 'x@example.com' }, taxes: { tax_rate: 0.07 } })));
    const first = await rest.queuedOrders();
    expect(first.map((o) => o.orderId)).toEqual(ids(100));
    expect(first[0].raw).toMatchObject({ order_id: 'R001', merchant_id: MERCHANT, customer_profile: { email: 'x@example.com' } });
    expect(first[0].order?.order_id).toBe('R001');
    expect((await rest.queuedOrders()).map((o) => o.orderId)).toEqual(ids(100));
    await rest.acknowledge(ids(100));
    expect((await rest.queuedOrders()).map((o) => o.orderId)).toEqual(ids(130).slice(100));
    expect(await stored('R001')).toMatchObject({ imported: true, acknowledge_count: 1 });
  });

  it('reports a malformed order by name and field, keeping its data, while the others come through', async () => {
    await post([minimalOrder('OK-1'), minimalOrder('BAD-1', { shipping: { country_code: 42 } })]);
    const [ok, bad] = await rest.queuedOrders();
    expect(ok.order?.order_id).toBe('OK-1');
    expect(bad).toMatchObject({ orderId: 'BAD-1', invalid: expect.stringMatching(/^order BAD-1: shipping\.country_code: /) });
    expect(bad.raw).toMatchObject({ order_id: 'BAD-1' });
  });

  it('parses the success envelope: success, metadata with its result set, request id header', async () => {
    await post(minimalOrder('E-1'));
    const res = await raw('GET', `${dcPath}/orders`);
    expect(res.status).toBe(200);
    expect(res.headers.get('X-UltraCart-Request-Id')).toBeTruthy();
    expect(await res.json()).toMatchObject({ success: true, metadata: { payload_name: 'orders', result_set: { count: 1, total_records: 1 } }, orders: [{ order_id: 'E-1' }] });
  });
});

describe('item images and warehouse bins (Item API)', () => {
  const withFacts = (id: string, sku: string) =>
    minimalOrder(id, { items: [{ item_index: 1, merchant_item_id: sku, quantity: 1, image_url: `https://img.example/${sku}.jpg`, inventory_location: `BIN-${sku}` }] });

  it('the REST order item lacks them; the Item API has them, asked once per SKU', async () => {
    await post([withFacts('I-1', 'MUG'), withFacts('I-2', 'MUG')]);
    const [a, b] = await rest.queuedOrders();
    expect(a.order?.items[0]).not.toHaveProperty('image_url');
    expect(a.order?.items[0]).not.toHaveProperty('inventory_location');
    const enriched = await rest.enrichItems!(a.order!);
    expect(enriched.items[0]).toMatchObject({ image_url: 'https://img.example/MUG.jpg', inventory_location: 'BIN-MUG' });
    expect((await rest.enrichItems!(b.order!)).items[0]).toMatchObject({ image_url: 'https://img.example/MUG.jpg' });
    expect((await admin(sim, 'GET', '/_sim/stats')).body.calls).toMatchObject({ item: 1 });
  });

  it('orders of one batch enriched at once share their SKU lookups', async () => {
    const t = transport();
    await post([withFacts('I-5', 'BOWL'), withFacts('I-6', 'BOWL'), withFacts('I-7', 'BOWL')]);
    const queued = await t.queuedOrders();
    const itemCalls = async () => ((await admin(sim, 'GET', '/_sim/stats')).body.calls as { item?: number }).item ?? 0;
    const before = await itemCalls();
    const enriched = await Promise.all(queued.map((q) => t.enrichItems!(q.order!)));
    expect(enriched.map((o) => o.items[0].image_url)).toEqual(Array(3).fill('https://img.example/BOWL.jpg'));
    expect((await itemCalls()) - before).toBe(1);
  });

  it('an unknown item leaves the order as it was, and is not asked again', async () => {
    const t = transport();
    await post(minimalOrder('I-3', { items: [{ item_index: 1, merchant_item_id: 'GHOST', quantity: 1 }] }));
    const [q] = await t.queuedOrders();
    sim.reset();
    expect((await t.enrichItems!(q.order!)).items[0]).toEqual(q.order!.items[0]);
    expect((await t.enrichItems!(q.order!)).items[0]).toEqual(q.order!.items[0]);
    expect((await admin(sim, 'GET', '/_sim/stats')).body.calls).toEqual({ item: 1 });
  });

  it('no lookups once half the hourly budget is spent: the fulfillment calls come first', async () => {
    const gate = new UltraCartGate({ perHour: 3 });
    const t = transport({ gate });
    await post(withFacts('I-4', 'PLATE'));
    await t.queuedOrders();
    const [q] = await t.queuedOrders();
    expect((await t.enrichItems!(q.order!)).items[0]).not.toHaveProperty('image_url');
    expect((await admin(sim, 'GET', '/_sim/stats')).body.calls).toEqual({ queuedOrders: 2 });
  });
});

describe('write-back', () => {
  it('stores the full tracking list and cost; a further label re-sends all, a void re-sends without it', async () => {
    await post(minimalOrder('S-1'));
    const base = { orderId: 'S-1', changed: [] };
    await rest.ship([{ ...base, trackingNumbers: ['1Z1'], shippingCost: 8.5 }]);
    expect(await stored('S-1')).toMatchObject({ shipped: true, tracking_numbers: ['1Z1'], shipping_cost: 8.5 });
    await rest.ship([{ ...base, trackingNumbers: ['1Z1', '1Z2'], shippingCost: 15 }]);
    await rest.ship([{ ...base, trackingNumbers: ['1Z2'], shippingCost: 6.5 }]);
    const view = await stored('S-1');
    expect(view).toMatchObject({ tracking_numbers: ['1Z2'], shipping_cost: 6.5 });
    // What UltraCart stored, shown as the admin route shows every transport's write-back: no carrier or service.
    expect(view.shipments).toEqual([expect.objectContaining({ shipment_id: null, tracking_numbers: ['1Z2'], carrier: null, service: null, received_count: 2 })]);
  });

  it('reports carrier, service, ship date and notes as not sent', async () => {
    await post(minimalOrder('S-2'));
    const changed = [{ shipment_id: '77', tracking_numbers: ['9400'], carrier: 'USPS', service: 'usps_priority_mail', shipping_cost: 7.5, ship_date: '2024-05-02', notes_to_buyer: 'thanks' }];
    expect(await rest.ship([{ orderId: 'S-2', changed, trackingNumbers: ['9400'], shippingCost: 7.5 }])).toEqual({
      '77': ['carrier USPS', 'service usps_priority_mail', 'ship date 2024-05-02', 'notes to buyer'],
    });
  });
});

describe('limits and their texts', () => {
  const expectRefused = async (res: Response, status: number, text: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('UC-REST-ERROR')).toBe(text);
    const body = await res.json();
    expect(body).toEqual({ error: expect.objectContaining({ developer_message: text }), metadata: {} });
    expect(body).not.toHaveProperty('success');
  };

  it('refuses more than 100 acknowledgements, 100 shipments, 500 inventories with UltraCart\'s texts', async () => {
    await expectRefused(await raw('PUT', `${dcPath}/acknowledgements`, ids(101)), 400, REST_LIMITS.acknowledgements.text);
    const shipment = (id: string) => ({ order_id: id, tracking_numbers: ['T'] });
    await expectRefused(await raw('POST', `${dcPath}/shipments`, ids(101).map(shipment)), 400, REST_LIMITS.shipments.text);
    await expectRefused(await raw('POST', `${dcPath}/inventory`, ids(501).map((itemId) => ({ itemId, quantity: 1 }))), 400, REST_LIMITS.inventory.text);
    expect((await raw('POST', `${dcPath}/inventory`, ids(500).map((itemId) => ({ itemId, quantity: 1 })))).status).toBe(204);
  });

  it('the client splits more than 100 into calls of 100', async () => {
    await post(ids(150).map((id) => minimalOrder(id)));
    await rest.acknowledge(ids(150));
    expect((await admin(sim, 'GET', '/_sim/stats')).body.calls).toEqual({ acknowledgements: 2 });
    expect(await stored('R150')).toMatchObject({ imported: true });
  });

  it('refuses a request without the version header, and a missing object with 400 (not 404)', async () => {
    const res = await raw('GET', '/fulfillment/distribution_centers', undefined, { 'X-UltraCart-Api-Version': '' });
    expect(res.status).toBe(400);
    expect(res.headers.get('UC-REST-ERROR')).toMatch(/X-UltraCart-Api-Version/);
    await expectRefused(await raw('PUT', `${dcPath}/acknowledgements`, ['NOPE']), 400, 'Unknown order NOPE');
  });
});

describe('documented statuses', () => {
  it('400: a rejected request is not retried and names UltraCart\'s reason', async () => {
    const err = await failure(() => rest.acknowledge(['NOPE']));
    expect(err).toMatchObject({ kind: 'UltraCartRequestRejected', retryable: false });
    expect(err.message).toMatch(/acknowledge \(1 order\) failed: Unknown order NOPE/);
  });

  it('400: a DC the key cannot use as REST', async () => {
    const err = await failure(() => transport({ dcCode: 'ELSEWHERE' }).queuedOrders());
    expect(err).toMatchObject({ kind: 'UltraCartRequestRejected', retryable: false });
    expect(err.message).toMatch(/not configured for REST API transport/);
  });

  it('401: a wrong key stops the start-up check, names the setting, never shows a key', async () => {
    const err = await failure(() => transport({ apiKey: () => `wrong-${KEY}` }).check());
    expect(err).toMatchObject({ kind: 'UltraCartAuthenticationFailed', retryable: false });
    expect(err.message).toMatch(/ULTRACART_API_KEY/);
    expect(inspect(err)).not.toContain(KEY);
  });

  it('the start-up check names ULTRACART_DC_CODE when the key has no such DC', async () => {
    const err = await failure(() => transport({ dcCode: 'NOPE' }).check());
    expect(err).toMatchObject({ kind: 'UltraCartUnknownDistributionCenter', retryable: false });
    expect(err.message).toMatch(/ULTRACART_DC_CODE.*sees DC1/);
    await expect(rest.check()).resolves.toBeUndefined();
  });

  it('410: the application disabled by UltraCart is final', async () => {
    await admin(sim, 'POST', '/_sim/faults', { mode: '410', count: 1 });
    const err = await failure(() => rest.check());
    expect(err).toMatchObject({ kind: 'UltraCartApplicationDisabled', retryable: false });
    expect(err.message).toMatch(/ULTRACART_API_KEY.*disabled by UltraCart/);
  });

  it('500: the envelope\'s message, retryable', async () => {
    await admin(sim, 'POST', '/_sim/faults', { mode: 'fault', count: 1 });
    const err = await failure(() => rest.queuedOrders());
    expect(err).toMatchObject({ kind: 'UltraCartServerError', retryable: true });
    expect(err.message).toMatch(/HTTP 500: Injected fault/);
    await admin(sim, 'POST', '/_sim/faults', { mode: 'http500', count: 1 });
    expect(await failure(() => rest.queuedOrders())).toMatchObject({ kind: 'UltraCartServerError', retryable: true });
  });

  it('429: waited out inside the call, not a fault', async () => {
    await post(minimalOrder('W-1'));
    await admin(sim, 'POST', '/_sim/faults', { mode: '429', count: 2 });
    expect((await rest.queuedOrders()).map((o) => o.orderId)).toEqual(['W-1']);
    expect((await admin(sim, 'GET', '/_sim/stats')).body).toMatchObject({ calls: { queuedOrders: 3 }, faults_by_mode: { 429: 2 } });
  });

  it('429 past the leaky bucket: a call that cannot get through in time fails retryable, with the delay to retry after', async () => {
    await admin(sim, 'POST', '/_sim/config', { rate_limit_per_hour: 2 });
    const gate = new UltraCartGate({ perHour: 1000, firstPauseMs: 100, maxWaitMs: 500 });
    const t = transport({ gate });
    await t.queuedOrders();
    await t.queuedOrders();
    const err = await failure(() => t.queuedOrders());
    expect(err).toMatchObject({ kind: 'UltraCartRateLimited', retryable: true });
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.message).toMatch(/rate of 2 per 3600 second\(s\) exceeded/);
    expect(gate.snapshot()).toMatchObject({ rateLimited: expect.any(Number) });
  });
});

describe('no concurrent requests', () => {
  it('50 orders acknowledged and shipped at once go through one at a time: no 429', async () => {
    await post(ids(50).map((id) => minimalOrder(id)));
    await Promise.all(ids(50).map((id) => rest.acknowledge([id])));
    await Promise.all(ids(50).map((id) => rest.ship([{ orderId: id, changed: [], trackingNumbers: [`T-${id}`], shippingCost: 1 }])));
    const stats = (await admin(sim, 'GET', '/_sim/stats')).body;
    expect(stats.rest).toEqual({ rate_limited: 0, concurrent_rejected: 0 });
    expect(stats.calls).toEqual({ acknowledgements: 50, shipments: 50 });
    for (const id of ids(50)) expect(await stored(id)).toMatchObject({ imported: true, shipped: true, tracking_numbers: [`T-${id}`] });
  });

  it('the simulator refuses requests that overlap (what the gate prevents)', async () => {
    await admin(sim, 'POST', '/_sim/faults', { mode: 'delay', delay_ms: 300, count: 1 });
    const [slow, overlapping] = await Promise.all([raw('GET', '/fulfillment/distribution_centers'), new Promise((r) => setTimeout(r, 50)).then(() => raw('GET', '/fulfillment/distribution_centers'))]);
    expect(slow.status).toBe(200);
    expect(overlapping.status).toBe(429);
    expect((await admin(sim, 'GET', '/_sim/stats')).body.rest).toMatchObject({ concurrent_rejected: 1 });
  });
});
