import { admin, order, rest, simulatorPerFile } from './helpers';

/** The lists the shipment sweep reads, over the real simulator: created or modified since an instant, across orders. */

const held = simulatorPerFile();

const label = async (orderId: number) =>
  (await admin<{ shipmentId: number }>(held.sim.url, 'POST', '/_sim/shipments', { orderId, carrierCode: 'usps', serviceCode: 'usps_priority_mail', shipmentCost: 4 })).body.shipmentId;
const markShipped = (orderId: number, trackingNumber: string) => rest(held.sim.url, 'POST', '/orders/markasshipped', { orderId, carrierCode: 'usps', trackingNumber });
/** ShipStation's dates have whole seconds on input: what happened before this is older than the instant it returns. */
const aSecondLater = async () => {
  await new Promise((r) => setTimeout(r, 1100));
  return Date.now();
};

it('lists the labels created since an instant, across orders, with their items, and no older ones', async () => {
  const a = await held.client.createOrder(order('8001'));
  const b = await held.client.createOrder(order('8002'));
  const old = await label(a.orderId);
  const since = await aSecondLater();
  const [newA, newB] = [await label(a.orderId), await label(b.orderId)];
  await admin(held.sim.url, 'POST', `/_sim/shipments/${newB}/void`);
  const calls: number[] = [];
  const shipments = await held.client.listShipmentsCreatedSince(since, async () => {
    calls.push(1);
  });
  expect(shipments.map((s) => s.shipmentId).sort()).toEqual([newA, newB].sort());
  expect(shipments.map((s) => s.shipmentId)).not.toContain(old);
  expect(shipments.find((s) => s.shipmentId === newB)?.voided).toBe(true);
  expect(shipments.every((s) => (s.shipmentItems?.length ?? 0) > 0 && s.orderKey?.startsWith('ultracart:DEMO:'))).toBe(true);
  expect(calls).toHaveLength(1);
});

it('lists the "mark as shipped" fulfillments created since an instant, and no older ones', async () => {
  const a = await held.client.createOrder(order('8101'));
  const b = await held.client.createOrder(order('8102'));
  await markShipped(a.orderId, 'OLD-1');
  const since = await aSecondLater();
  await markShipped(b.orderId, 'NEW-1');
  const fulfillments = await held.client.listFulfillmentsCreatedSince(since);
  expect(fulfillments.map((f) => [f.orderId, f.trackingNumber])).toEqual([[b.orderId, 'NEW-1']]);
});

it('lists the orders modified since an instant in one status only', async () => {
  const shipped = await held.client.createOrder(order('8201'));
  const cancelled = await held.client.createOrder(order('8202'));
  const open = await held.client.createOrder(order('8203'));
  const since = await aSecondLater();
  await markShipped(shipped.orderId, 'SHIP-1');
  await admin(held.sim.url, 'POST', `/_sim/orders/${cancelled.orderId}/cancel`);
  await held.client.createOrder(order('8203', { internalNotes: 'edited' }));
  expect((await held.client.listOrdersModifiedSince(since, undefined, 'cancelled')).map((o) => o.orderId)).toEqual([cancelled.orderId]);
  expect((await held.client.listOrdersModifiedSince(since, undefined, 'shipped')).map((o) => o.orderId)).toEqual([shipped.orderId]);
  expect((await held.client.listOrdersModifiedSince(since)).map((o) => o.orderId).sort()).toEqual([shipped.orderId, cancelled.orderId, open.orderId].sort());
});

it('the simulator refuses a creation date that is not Pacific yyyy-MM-dd HH:mm:ss, as ShipStation does', async () => {
  for (const path of ['/shipments', '/fulfillments']) {
    const res = await rest(held.sim.url, 'GET', `${path}?createDateStart=2026-12-01T10:00:00Z`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.ModelState)).toMatch(/createdatestart: must be Pacific time/);
  }
});
