import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ShipStationSimulator } from '../../sandbox/shipstation';
import type { ShipStationClient } from '../../src/shipstation/client';
import { toPacific } from '../../src/shipstation/pacific-time';
import { admin, caught, clientFor, order, rest, startSim } from './helpers';

let sim: ShipStationSimulator;
let client: ShipStationClient;

beforeAll(async () => {
  sim = await startSim();
  client = clientFor(sim.url);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const simOrders = async () => (await admin<{ orders: Array<{ orderId: number; orderKey: string; orderStatus: string }> }>(sim.url, 'GET', '/_sim/orders')).body.orders;

describe('orders', () => {
  it('upserts by orderKey: five posts of one key give one order, updated in place', async () => {
    const ids = [];
    for (let i = 1; i <= 5; i += 1) ids.push((await client.createOrder(order('1001', { internalNotes: `edit ${i}` }))).orderId);
    expect(new Set(ids).size).toBe(1);
    const all = await simOrders();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ orderKey: 'ultracart:DEMO:1001', orderStatus: 'awaiting_shipment', internalNotes: 'edit 5' });
  });

  it('returns numeric ids, Pacific output dates and the order total', async () => {
    const created = await client.createOrder(order('1002'));
    expect(created.orderDate).toBe('2024-09-17T10:51:14.0000000');
    expect(created.createDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/);
    expect(created.items.map((i) => typeof i.orderItemId)).toEqual(['number', 'number', 'number']);
    expect(created.orderTotal).toBe(35);
  });

  it('answers with the keys ShipStation always carries: dimensions, insuranceOptions, internationalOptions; shipments too', async () => {
    const created = await client.createOrder(order('1012', { dimensions: { length: 12, width: 8, height: 4, units: 'inches' } }));
    const raw = await rest(sim.url, 'GET', `/orders/${created.orderId}`);
    expect(raw.body).toMatchObject({
      dimensions: { length: 12, width: 8, height: 4, units: 'inches' },
      insuranceOptions: { provider: null, insureShipment: false, insuredValue: 0 },
      internationalOptions: { contents: null, customsItems: null, nonDelivery: null },
    });
    await admin(sim.url, 'POST', '/_sim/shipments', { orderId: created.orderId, carrierCode: 'ups', serviceCode: 'ups_ground', shipmentCost: 8, insuranceCost: 1.5 });
    const shipments = await rest(sim.url, 'GET', `/shipments?orderId=${created.orderId}`);
    expect((shipments.body.shipments as unknown[])[0]).toMatchObject({ dimensions: { length: 12 }, insuranceOptions: { insureShipment: true }, insuranceCost: 1.5 });
  });

  it('replaces the whole order on update (no partial update)', async () => {
    await client.createOrder(order('1003', { customerNotes: 'leave at door' }));
    const updated = await client.createOrder({ ...order('1003'), items: [{ lineItemKey: '1', name: 'Mug', quantity: 1 }] });
    expect(updated.items).toHaveLength(1);
    expect(updated.customerNotes).toBeNull();
  });

  it('refuses to update a shipped or cancelled order with a non-retryable error quoting ShipStation', async () => {
    const created = await client.createOrder(order('1004'));
    await admin(sim.url, 'POST', '/_sim/shipments', { orderId: created.orderId, carrierCode: 'ups', serviceCode: 'ups_ground', shipmentCost: 5 });
    const err = await caught(client.createOrder(order('1004', { internalNotes: 'too late' })));
    expect(err).toMatchObject({ kind: 'ShipStationValidationFailed', retryable: false });
    expect(err.message).toContain('"Order 1004 is shipped and can no longer be updated."');

    const other = await client.createOrder(order('1005'));
    await admin(sim.url, 'POST', `/_sim/orders/${other.orderId}/cancel`);
    expect(await caught(client.createOrder(order('1005')))).toMatchObject({ kind: 'ShipStationValidationFailed', retryable: false });
  });

  it('keeps the store chosen at creation', async () => {
    const store = (await admin<{ storeId: number }>(sim.url, 'POST', '/_sim/stores', { storeName: 'Second', marketplaceName: 'ShipStation' })).body;
    const created = await client.createOrder(order('1006'));
    const updated = await client.createOrder(order('1006', { advancedOptions: { storeId: store.storeId } }));
    expect(updated.advancedOptions).toMatchObject({ storeId: created.advancedOptions && (created.advancedOptions as { storeId: number }).storeId });
    expect((updated.advancedOptions as { storeId: number }).storeId).toBe(1);
  });

  it('finds an order by its exact number although the API matches prefixes, across pages', async () => {
    for (const n of ['77', '770', '771', '7700']) await client.createOrder(order(n));
    expect((await client.findOrderByNumber('77'))?.orderNumber).toBe('77');
    expect((await client.findOrderByNumber('770'))?.orderNumber).toBe('770');
    expect(await client.findOrderByNumber('7')).toBeUndefined();
  });

  it('cancels an open order by re-sending it, and leaves a shipped one alone', async () => {
    const open = await client.createOrder(order('1007'));
    const cancelled = await client.cancelOrder(open.orderId);
    expect(cancelled).toMatchObject({ orderId: open.orderId, orderStatus: 'cancelled', orderKey: 'ultracart:DEMO:1007' });
    expect(cancelled.items).toHaveLength(3);

    const shipped = await client.createOrder(order('1008'));
    await admin(sim.url, 'POST', '/_sim/shipments', { orderId: shipped.orderId, carrierCode: 'ups', serviceCode: 'ups_ground', shipmentCost: 5 });
    expect((await client.cancelOrder(shipped.orderId)).orderStatus).toBe('shipped');
  });

  it('validates the body before sending it', async () => {
    const err = await caught(client.createOrder(order('x'.repeat(51))));
    expect(err).toMatchObject({ kind: 'ShipStationInvalidRequest', retryable: false });
    expect(await simOrders()).toHaveLength(0);
  });

  it('getOrder of an unknown id is a non-retryable not-found', async () => {
    expect(await caught(client.getOrder(999))).toMatchObject({ kind: 'ShipStationNotFound', retryable: false });
  });

  it('lists every shipment of an order with its items, voided and return labels included', async () => {
    const created = await client.createOrder(order('1009'));
    const label = (extra: object) => admin<{ shipmentId: number }>(sim.url, 'POST', '/_sim/shipments', { orderId: created.orderId, carrierCode: 'usps', serviceCode: 'usps_priority_mail', shipmentCost: 4, ...extra });
    const first = await label({ items: [{ lineItemKey: '1', quantity: 2 }], notesToBuyer: 'Thanks!' });
    await label({ isReturnLabel: true });
    await admin(sim.url, 'POST', `/_sim/shipments/${first.body.shipmentId}/void`);
    const shipments = await client.listShipments({ orderId: created.orderId });
    expect(shipments.map((s) => [s.voided, s.isReturnLabel])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(shipments[0].shipmentItems?.map((i) => [i.lineItemKey, i.quantity])).toEqual([['1', 2]]);
    expect(shipments[0].notesToBuyer).toBe('Thanks!');
  });

  it('lists the labels voided since an instant, across orders, and no others', async () => {
    const a = await client.createOrder(order('1011'));
    const b = await client.createOrder(order('1012'));
    const label = async (orderId: number) =>
      (await admin<{ shipmentId: number }>(sim.url, 'POST', '/_sim/shipments', { orderId, carrierCode: 'usps', serviceCode: 'usps_priority_mail', shipmentCost: 4 })).body.shipmentId;
    const earlyVoid = await label(a.orderId);
    await admin(sim.url, 'POST', `/_sim/shipments/${earlyVoid}/void`);
    await new Promise((r) => setTimeout(r, 1100)); // ShipStation's dates have whole seconds on input
    const since = Date.now();
    const [voidA, keptA, voidB] = [await label(a.orderId), await label(a.orderId), await label(b.orderId)];
    for (const id of [voidA, voidB]) await admin(sim.url, 'POST', `/_sim/shipments/${id}/void`);
    const voided = await client.listVoidedShipments(since);
    expect(voided.map((s) => s.shipmentId).sort()).toEqual([voidA, voidB].sort());
    expect(voided.every((s) => s.voided && s.orderKey?.startsWith('ultracart:DEMO:'))).toBe(true);
    expect(voided.map((s) => s.shipmentId)).not.toContain(keptA);
  });
});

describe('the simulator is strict like ShipStation', () => {
  it('rejects an invalid order with an ASP.NET ModelState body', async () => {
    const bad = { ...order('1010'), orderStatus: 'lost', shipTo: { ...order('1010').shipTo, country: 'USA' }, orderNumber: 'y'.repeat(51) };
    const res = await rest(sim.url, 'POST', '/orders/createorder', bad);
    expect(res.status).toBe(400);
    expect(res.body.Message).toBe('The request is invalid.');
    const messages = (res.body.ModelState as { apiOrder: string[] }).apiOrder.join('\n');
    expect(messages).toMatch(/orderNumber/);
    expect(messages).toMatch(/orderStatus/);
    expect(messages).toMatch(/shipTo.country/);
  });

  it('requires the documented fields', async () => {
    const res = await rest(sim.url, 'POST', '/orders/createorder', { orderNumber: '1' });
    expect(res.status).toBe(400);
    const messages = (res.body.ModelState as { apiOrder: string[] }).apiOrder.join('\n');
    for (const field of ['orderDate', 'orderStatus', 'billTo', 'shipTo']) expect(messages).toContain(field);
  });

  it('createorders reports each order inside a 200 and refuses more than 100', async () => {
    const res = await rest(sim.url, 'POST', '/orders/createorders', [order('2001'), { ...order('2002'), orderStatus: 'nope' }]);
    expect(res.status).toBe(200);
    expect(res.body.hasErrors).toBe(true);
    expect((res.body.results as Array<{ success: boolean; orderNumber: string }>).map((r) => [r.orderNumber, r.success])).toEqual([
      ['2001', true],
      ['2002', false],
    ]);
    const tooMany = await rest(sim.url, 'POST', '/orders/createorders', Array.from({ length: 101 }, (_, i) => order(String(3000 + i))));
    expect(tooMany.status).toBe(400);
  });

  it('filters orders by status and Pacific dates, and pages with a 500 maximum', async () => {
    await client.createOrder(order('4001'));
    await client.createOrder(order('4002', { orderStatus: 'on_hold' }));
    const held = await rest(sim.url, 'GET', '/orders?orderStatus=on_hold');
    expect((held.body.orders as Array<{ orderNumber: string }>).map((o) => o.orderNumber)).toEqual(['4002']);
    const since = (ms: number) => encodeURIComponent(toPacific(new Date(Date.now() + ms).toISOString()));
    expect((await rest(sim.url, 'GET', `/orders?createDateStart=${since(-60_000)}`)).body.total).toBe(2);
    expect((await rest(sim.url, 'GET', `/orders?modifyDateStart=${since(3_600_000)}`)).body.total).toBe(0);
    expect((await rest(sim.url, 'GET', '/orders?pageSize=501')).status).toBe(400);
    expect((await rest(sim.url, 'GET', '/orders?pageSize=1&page=2')).body).toMatchObject({ total: 2, page: 2, pages: 2 });
  });

  it('holds, restores, marks as shipped (fulfillments, no shipment) and deletes', async () => {
    const created = await client.createOrder(order('5001'));
    expect((await rest(sim.url, 'POST', '/orders/holduntil', { orderId: created.orderId, holdUntilDate: '2030-01-01' })).status).toBe(400);
    expect((await rest(sim.url, 'POST', '/orders/holduntil', { orderId: created.orderId, holdUntilDate: '2030-01-01 00:00:00' })).body).toMatchObject({ success: true });
    expect((await client.getOrder(created.orderId)).orderStatus).toBe('on_hold');
    await rest(sim.url, 'POST', '/orders/restorefromhold', { orderId: created.orderId });
    expect((await client.getOrder(created.orderId)).orderStatus).toBe('awaiting_shipment');

    await rest(sim.url, 'POST', '/orders/markasshipped', { orderId: created.orderId, carrierCode: 'usps', trackingNumber: '1Z' });
    expect((await client.getOrder(created.orderId)).orderStatus).toBe('shipped');
    expect(await client.listShipments({ orderId: created.orderId })).toEqual([]);
    const fulfillments = await rest(sim.url, 'GET', `/fulfillments?orderId=${created.orderId}`);
    expect(fulfillments.body).toMatchObject({ total: 1, fulfillments: [{ trackingNumber: '1Z', carrierCode: 'usps' }] });

    const other = await client.createOrder(order('5002'));
    expect((await rest(sim.url, 'DELETE', `/orders/${other.orderId}`)).status).toBe(200);
    expect(await caught(client.getOrder(other.orderId))).toMatchObject({ kind: 'ShipStationNotFound' });
  });

  it('ships an order once every physical item has a live label, and reopens it on void', async () => {
    const created = await client.createOrder(order('6001'));
    const label = (items?: object[]) =>
      admin<{ shipmentId: number; shipmentItems: unknown[] }>(sim.url, 'POST', '/_sim/shipments', { orderKey: 'ultracart:DEMO:6001', carrierCode: 'ups', serviceCode: 'ups_ground', shipmentCost: 6, items });
    await label([{ lineItemKey: '1', quantity: 2 }]);
    expect((await client.getOrder(created.orderId)).orderStatus).toBe('awaiting_shipment');
    const second = await label(); // every remaining item: only the T-shirt (the coupon is an adjustment)
    expect(second.body.shipmentItems).toHaveLength(1);
    expect((await client.getOrder(created.orderId)).orderStatus).toBe('shipped');
    const reship = await label();
    expect(reship.body.shipmentItems).toHaveLength(2);
    await admin(sim.url, 'POST', `/_sim/shipments/${second.body.shipmentId}/void`);
    expect((await client.getOrder(created.orderId)).orderStatus).toBe('shipped'); // the reship still covers everything
    await admin(sim.url, 'POST', `/_sim/shipments/${reship.body.shipmentId}/void`);
    expect((await client.getOrder(created.orderId)).orderStatus).toBe('awaiting_shipment');
    expect((await label([{ lineItemKey: '9', quantity: 1 }])).status).toBe(400);
  });

  it('autoships new orders after the configured delay', async () => {
    await admin(sim.url, 'POST', '/_sim/autoship', { after_ms: 20 });
    const created = await client.createOrder(order('7001'));
    await new Promise((r) => setTimeout(r, 150));
    expect((await client.getOrder(created.orderId)).orderStatus).toBe('shipped');
    await admin(sim.url, 'DELETE', '/_sim/autoship');
  });

  it('autoships in batches: the labels due in one tick share a batch and one SHIP_NOTIFY', async () => {
    const received: Array<{ resource_url: string }> = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as { resource_url: string });
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      await client.subscribeWebhook({ targetUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, event: 'SHIP_NOTIFY' });
      // Created first, then autoship turned on: all three fall due at once, in the first tick, however slow the
      // machine (created one by one under autoship, a loaded machine can spread them over two ticks).
      const created = await Promise.all(['7101', '7102', '7103'].map((id) => client.createOrder(order(id))));
      await admin(sim.url, 'POST', '/_sim/autoship', { after_ms: 10, batch_ms: 100 });
      await new Promise((r) => setTimeout(r, 400));
      for (const o of created) expect((await client.getOrder(o.orderId)).orderStatus).toBe('shipped');
      expect(received).toHaveLength(1);
      const batch = await client.fetchResource(received[0].resource_url);
      expect(batch.map((s) => s.orderId).sort()).toEqual(created.map((o) => o.orderId).sort());
    } finally {
      await admin(sim.url, 'DELETE', '/_sim/autoship');
      receiver.closeAllConnections();
      await new Promise((r) => receiver.close(r));
    }
  });

  it('validates admin bodies with the same ASP.NET shape', async () => {
    const res = await admin<{ ModelState: Record<string, string[]> }>(sim.url, 'POST', '/_sim/faults', { mode: 'explode' });
    expect(res.status).toBe(400);
    expect(Object.values(res.body.ModelState).flat().join()).toMatch(/mode/);
  });
});
