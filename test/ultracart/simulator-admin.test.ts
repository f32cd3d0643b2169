import type { UltraCartSimulator } from '../../sandbox/ultracart/server';
import { admin, connect, minimalOrder, startSim } from './support';

let sim: UltraCartSimulator;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('UltraCart simulator admin routes', () => {
  it('serves the WSDL with its own address', async () => {
    const res = await fetch(`${sim.soapUrl}?wsdl`);
    expect(res.status).toBe(200);
    const wsdl = await res.text();
    expect(wsdl).toContain('<wsdl:service name="DistributionCenterService">');
    expect(wsdl).toContain(`location="${sim.soapUrl}"`);
  });

  it('POST /_sim/orders takes one order or an array and answers 201 with the ids', async () => {
    expect(await admin(sim, 'POST', '/_sim/orders', minimalOrder('P1'))).toEqual({ status: 201, body: { order_ids: ['P1'] } });
    expect(await admin(sim, 'POST', '/_sim/orders', [minimalOrder('P2'), { order_id: 'P3', anything: 'goes' }])).toEqual({ status: 201, body: { order_ids: ['P2', 'P3'] } });
    expect((await admin(sim, 'GET', '/_sim/orders/P3')).body.order).toEqual({ order_id: 'P3', anything: 'goes', merchant_id: 'TESTM' });
  });

  it.each([
    ['not JSON', '{nope'],
    ['no order_id', { creation_dts: '2024-01-01T00:00:00Z' }],
    ['an empty order_id', { order_id: '  ' }],
    ['an empty array', []],
    ['a scalar', 42],
  ])('POST /_sim/orders rejects %s with 400', async (_name, body) => {
    const res = await admin(sim, 'POST', '/_sim/orders', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(expect.any(String));
  });

  it('GET /_sim/orders/{id} has the documented shape, and 404 for an unknown order', async () => {
    await admin(sim, 'POST', '/_sim/orders', minimalOrder('V1'));
    expect((await admin(sim, 'GET', '/_sim/orders/V1')).body).toEqual({
      order: { ...minimalOrder('V1'), merchant_id: 'TESTM' },
      imported: false,
      imported_at: null,
      acknowledge_count: 0,
      requeue_count: 0,
      shipped: false,
      shipped_at: null,
      tracking_numbers: [],
      shipping_cost: null,
      shipments: [],
    });
    expect((await admin(sim, 'GET', '/_sim/orders/NOPE')).status).toBe(404);
    expect((await admin(sim, 'POST', '/_sim/orders/NOPE/requeue')).status).toBe(404);
  });

  it('re-posting an order replaces it and queues it again', async () => {
    const client = await connect(sim);
    await admin(sim, 'POST', '/_sim/orders', minimalOrder('E1'));
    await client.acknowledgeOrders(['E1']);
    await admin(sim, 'POST', '/_sim/orders', minimalOrder('E1', { checkout: { comments: 'v2' } }));
    const view = (await admin(sim, 'GET', '/_sim/orders/E1')).body;
    expect(view).toMatchObject({ imported: false, acknowledge_count: 1, order: { checkout: { comments: 'v2' } } });
    expect((await client.getOrders()).map((b) => b.orderId)).toEqual(['E1']);
  });

  it('POST /_sim/faults validates its body', async () => {
    expect((await admin(sim, 'POST', '/_sim/faults', { mode: 'explode' })).status).toBe(400);
    expect((await admin(sim, 'POST', '/_sim/faults', { mode: 'fault', operation: 'noSuchOp' })).status).toBe(400);
    expect((await admin(sim, 'POST', '/_sim/faults', { mode: 'fault', rate: 2 })).status).toBe(400);
    expect((await admin(sim, 'POST', '/_sim/faults', { mode: 'fault', rate: 0 })).status).toBe(201);
    // rate 0 never fires
    expect(await (await connect(sim)).getOrders()).toEqual([]);
  });

  it('stats count calls per operation; reset empties the store, faults and stats', async () => {
    const client = await connect(sim);
    await admin(sim, 'POST', '/_sim/orders', minimalOrder('T1'));
    await client.getOrders();
    await client.getOrder('T1');
    await admin(sim, 'POST', '/_sim/faults', { mode: 'http500' });
    await expect(client.getOrders()).rejects.toMatchObject({ kind: 'UltraCartHttpError' });
    expect((await admin(sim, 'GET', '/_sim/stats')).body).toEqual({ calls: { getOrders: 2, getOrder: 1 }, faults_served: 1, faults_by_mode: { http500: 1 }, rest: { rate_limited: 0, concurrent_rejected: 0 } });

    expect((await admin(sim, 'POST', '/_sim/reset')).status).toBe(204);
    expect((await admin(sim, 'GET', '/_sim/stats')).body).toEqual({ calls: {}, faults_served: 0, faults_by_mode: {}, rest: { rate_limited: 0, concurrent_rejected: 0 } });
    expect(await client.getOrders()).toEqual([]);
    expect((await admin(sim, 'GET', '/_sim/orders/T1')).status).toBe(404);
  });

  it('answers 404 to unknown routes', async () => {
    expect((await admin(sim, 'GET', '/_sim/nothing')).status).toBe(404);
    expect((await admin(sim, 'GET', '/elsewhere')).status).toBe(404);
  });
});
