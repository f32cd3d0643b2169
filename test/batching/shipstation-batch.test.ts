import { createShipStationActivities } from '../../src/activities/shipstation';
import type { ShipStationSimulator } from '../../sandbox/shipstation';
import { admin, clientFor, order, startSim } from '../shipstation/helpers';

/** Order upserts joined into `createorders` calls, over the real ShipStation simulator (no Temporal here). */

let sim: ShipStationSimulator;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const activities = (lingerMs = 200) => createShipStationActivities({ shipstation: clientFor(sim.url), batching: { lingerMs, maxWaitMs: 5 * lingerMs } });
const stats = async () => (await admin<{ requests: Record<string, number> }>(sim.url, 'GET', '/_sim/stats')).body.requests;
const simOrders = async () => (await admin<{ orders: Array<{ orderId: number; orderKey: string }> }>(sim.url, 'GET', '/_sim/orders')).body.orders;
const numbers = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

it('an UltraCart batch that has reached the batcher whole goes at once, without the linger', async () => {
  const a = activities(60_000);
  const batch = { id: 'ingest 1', size: 3 };
  const started = Date.now();
  await Promise.all(numbers(3, 'C').map((n) => a.upsertShipStationOrder(order(n), undefined, batch)));
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(await stats()).toEqual({ 'POST /orders/createorders': 1 });
});

it('101 upserts at once: two createorders calls, each order once in ShipStation with its own id', async () => {
  const a = activities();
  const results = await Promise.all(numbers(101, 'B').map((n) => a.upsertShipStationOrder(order(n))));
  expect(await stats()).toEqual({ 'POST /orders/createorders': 2 });
  const inShipStation = await simOrders();
  expect(inShipStation).toHaveLength(101);
  // Each caller got the id ShipStation gave its own order (matched by orderKey).
  const idByKey = new Map(inShipStation.map((o) => [o.orderKey, o.orderId]));
  expect(results.map((r) => r.orderId)).toEqual(numbers(101, 'B').map((n) => idByKey.get(`ultracart:DEMO:${n}`)));
  expect(results.every((r) => r.status === 'awaiting_shipment' && !r.locked)).toBe(true);
});

it('one order refused inside the 200 fails only that order, with ShipStation\'s message', async () => {
  const a = activities();
  const [good1, refused, good2] = await Promise.allSettled([
    a.upsertShipStationOrder(order('R1')),
    a.upsertShipStationOrder(order('R2', { advancedOptions: { storeId: 999 } })),
    a.upsertShipStationOrder(order('R3')),
  ]);
  expect(good1.status).toBe('fulfilled');
  expect(good2.status).toBe('fulfilled');
  expect(refused).toMatchObject({ status: 'rejected', reason: { retryable: false, message: expect.stringContaining('Store 999 does not exist') } });
  expect((refused as PromiseRejectedResult).reason.message).toContain('ShipStation refused order R2');
  expect((await simOrders()).map((o) => o.orderKey).sort()).toEqual(['ultracart:DEMO:R1', 'ultracart:DEMO:R3']);
  // The refusal cost one lookup (is it a locked order?), not a call per order.
  expect(await stats()).toEqual({ 'POST /orders/createorders': 1, 'GET /orders': 1 });
});

it('a refused update of a shipped order is reported as locked, as with one call per order', async () => {
  const a = activities();
  const { orderId } = await a.upsertShipStationOrder(order('L1'));
  await admin(sim.url, 'POST', '/_sim/shipments', { orderId, carrierCode: 'ups', serviceCode: 'ups_ground', shipmentCost: 5 });
  const again = await a.upsertShipStationOrder(order('L1', { internalNotes: 'edited' }));
  expect(again).toEqual({ orderId, status: 'shipped', locked: true });
});

it('a whole-batch 500 fails every order retryably; retried as a whole it duplicates nothing', async () => {
  const a = activities();
  await admin(sim.url, 'POST', '/_sim/faults', { route: 'POST /orders/createorders', mode: 'http500', count: 1 });
  const first = await Promise.allSettled(numbers(5, 'F').map((n) => a.upsertShipStationOrder(order(n))));
  expect(first.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
  expect(first.every((r) => (r as PromiseRejectedResult).reason.retryable === true)).toBe(true);
  // What Temporal's retry does: every order asks again.
  const second = await Promise.all(numbers(5, 'F').map((n) => a.upsertShipStationOrder(order(n))));
  expect(new Set(second.map((r) => r.orderId)).size).toBe(5);
  expect(await simOrders()).toHaveLength(5);
  expect(await stats()).toEqual({ 'POST /orders/createorders': 2 });
});

it('an invalid order is refused before it joins a batch; the others go in one call', async () => {
  const a = activities();
  const [bad, good] = await Promise.allSettled([a.upsertShipStationOrder(order('x'.repeat(51))), a.upsertShipStationOrder(order('V1'))]);
  expect(bad).toMatchObject({ status: 'rejected', reason: { retryable: false, message: expect.stringContaining('orderNumber') } });
  expect(good.status).toBe('fulfilled');
  expect(await stats()).toEqual({ 'POST /orders/createorders': 1 });
});
