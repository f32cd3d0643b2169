import type { ShipStationSimulator } from '../../sandbox/shipstation';
import { admin, clientFor, order, startSim } from './helpers';

let sim: ShipStationSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

it('pages through 1,200 shipments (3 pages of 500), by order and by resource URL', async () => {
  const client = clientFor(sim.url);
  const { orderId } = await client.createOrder(order('P1'));
  for (let batch = 0; batch < 1200; batch += 100) {
    await Promise.all(
      Array.from({ length: 100 }, () => admin(sim.url, 'POST', '/_sim/shipments', { orderId, carrierCode: 'ups', serviceCode: 'ups_ground', shipmentCost: 1 })),
    );
  }
  const shipments = await client.listShipments({ orderId });
  expect(shipments).toHaveLength(1200);
  expect(new Set(shipments.map((s) => s.shipmentId)).size).toBe(1200);
  expect(shipments.every((s) => s.shipmentItems?.length === 2)).toBe(true);

  const viaResource = await client.fetchResource(`${sim.url}/shipments?orderId=${orderId}&includeShipmentItems=False`);
  expect(viaResource.map((s) => s.shipmentId)).toEqual(shipments.map((s) => s.shipmentId));

  const stats = (await admin<{ requests: Record<string, number> }>(sim.url, 'GET', '/_sim/stats')).body;
  expect(stats.requests['GET /shipments']).toBe(6);
});
