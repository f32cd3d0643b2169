import { loadConfig } from '../../src/config';
import { importProblem, mapOrder } from '../../src/mapping';
import { generateDemoOrders } from '../../sandbox/demo-orders';
import { startShipStationSimulator, type ShipStationSimulator } from '../../sandbox/shipstation';
import { createShipStationClient } from '../../src/shipstation/client';
import { parseOrder } from '../../src/ultracart/order-schema';

/** Every demo order maps to a body the strict ShipStation simulator accepts, posted for real over HTTP. */

let sim: ShipStationSimulator;

beforeAll(async () => {
  sim = await startShipStationSimulator({ port: 0, rateLimitPerMinute: 0 });
});
afterAll(() => sim.close());

it('maps all 60 demo orders; the importable ones are accepted by ShipStation, the others name their problem', async () => {
  const config = loadConfig({ SANDBOX_SHIPSTATION_PORT: String(sim.port), SHIPSTATION_RATE_LIMIT_PER_MINUTE: '0' });
  const client = createShipStationClient(config.shipstation);
  const orders = generateDemoOrders(60, 7).map(parseOrder);
  let accepted = 0;
  let parked = 0;
  for (const order of orders) {
    const problem = importProblem(order);
    if (problem) {
      expect(problem).toMatch(/^shipping\.\w+/);
      parked += 1;
      continue;
    }
    const created = await client.createOrder(mapOrder(order, { merchantId: 'DEMO', storeId: 1 }));
    expect(created.orderNumber).toBe(order.order_id);
    accepted += 1;
  }
  expect(accepted).toBeGreaterThanOrEqual(50);
  expect(parked).toBeGreaterThan(0);
});
