import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { IntegrationError } from '../../src/errors';
import type { UltraCartSimulator } from '../../sandbox/ultracart/server';
import type { UltraCartClient } from '../../src/ultracart/soap/client';
import { ACCESS_KEY, admin, connect, failure, minimalOrder, startSim } from './support';

let sim: UltraCartSimulator;
let client: UltraCartClient;

beforeAll(async () => {
  sim = await startSim();
  // Well above a SOAP round trip on a loaded 2-core machine (300 ms was not: an http500 case timed out instead).
  client = await connect(sim, { timeoutMs: 2_000 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const inject = (rule: Record<string, unknown>) => admin(sim, 'POST', '/_sim/faults', rule);
const SHIPMENT = { shipment_id: 'ss-1', tracking_numbers: ['T'], carrier: 'UPS', service: 'Ground', shipping_cost: 1, ship_date: '2024-05-03' };

/** The access key must not be anywhere an error can travel: message, stack, cause, JSON, inspection. */
function expectNoSecret(err: IntegrationError): void {
  const places = [err.message, err.stack ?? '', JSON.stringify(err), String(err.cause ?? ''), JSON.stringify(err.cause ?? null), inspect(err, { depth: 10 })];
  for (const text of places) {
    expect(text).not.toContain(ACCESS_KEY);
    expect(text).not.toContain('ZQX9');
  }
}

describe('faults land in the right error class', () => {
  it.each([
    ['fault', 'UltraCartFault'],
    ['http500', 'UltraCartHttpError'],
    ['drop', 'UltraCartUnavailable'],
  ])('%s → retryable %s', async (mode, kind) => {
    await inject({ mode, operation: 'getOrders', count: 1 });
    const err = await failure(() => client.getOrders());
    expect(err).toBeInstanceOf(IntegrationError);
    expect(err).toMatchObject({ kind, retryable: true });
    expectNoSecret(err);
    expect(await client.getOrders()).toEqual([]); // count: 1 means the next call succeeds
    expect((await admin(sim, 'GET', '/_sim/stats')).body).toMatchObject({ calls: { getOrders: 2 }, faults_served: 1, faults_by_mode: { [mode]: 1 } });
  });

  it('a delay past the client timeout is a retryable timeout', async () => {
    await inject({ mode: 'delay', delay_ms: 4_000, count: 1 });
    const err = await failure(() => client.getOrders());
    expect(err).toMatchObject({ kind: 'UltraCartTimeout', retryable: true });
    expectNoSecret(err);
  });

  it('a delay within the timeout only slows the call', async () => {
    await inject({ mode: 'delay', delay_ms: 50, operation: 'getOrders' });
    expect(await client.getOrders()).toEqual([]);
  });

  it('faults only the named operation, and DELETE /_sim/faults clears them', async () => {
    await admin(sim, 'POST', '/_sim/orders', minimalOrder('F1'));
    await inject({ mode: 'fault', operation: 'acknowledgeOrders' });
    expect(await client.getOrders()).toHaveLength(1);
    await expect(client.acknowledgeOrders(['F1'])).rejects.toMatchObject({ kind: 'UltraCartFault' });
    await expect(client.acknowledgeOrders(['F1'])).rejects.toMatchObject({ kind: 'UltraCartFault' });
    expect((await admin(sim, 'DELETE', '/_sim/faults')).status).toBe(204);
    await client.acknowledgeOrders(['F1']);
  });

  it('a wrong access key is a non-retryable authentication failure naming merchant and DC, never the key', async () => {
    const wrongKey = 'wrong-key-&-QQ77';
    const bad = await connect(sim, { accessKey: wrongKey });
    const err = await failure(() => bad.getOrders());
    expect(err).toMatchObject({ kind: 'UltraCartAuthenticationFailed', retryable: false });
    expect(err.message).toContain('TESTM');
    expect(err.message).toContain('DC1');
    for (const text of [err.message, err.stack ?? '', JSON.stringify(err)]) expect(text).not.toContain('QQ77');
    expectNoSecret(err);
  });

  it('a wrong DC code is an authentication failure too, on every operation', async () => {
    await admin(sim, 'POST', '/_sim/orders', minimalOrder('A1'));
    const bad = await connect(sim, { dcCode: 'OTHER' });
    await expect(bad.shippedWithDetails('A1', SHIPMENT)).rejects.toMatchObject({ kind: 'UltraCartAuthenticationFailed', retryable: false });
    expect((await admin(sim, 'GET', '/_sim/orders/A1')).body.shipped).toBe(false);
  });

  it('an unknown order is non-retryable', async () => {
    for (const call of [() => client.getOrder('NOPE'), () => client.requeueOrder('NOPE'), () => client.shippedWithDetails('NOPE', SHIPMENT), () => client.acknowledgeOrders(['NOPE'])]) {
      const err = await failure(call);
      expect(err).toMatchObject({ kind: 'UltraCartUnknownOrder', retryable: false });
      expect(err.message).toContain('NOPE');
      expectNoSecret(err);
    }
  });

  it('acknowledging more than 100 orders is refused and acknowledges nothing', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `B${i}`);
    await admin(sim, 'POST', '/_sim/orders', ids.map((id) => minimalOrder(id)));
    const err = await failure(() => client.acknowledgeOrders(ids));
    expect(err).toMatchObject({ kind: 'UltraCartRequestRejected', retryable: false });
    expect(err.message).toContain('more than 100');
    expect((await admin(sim, 'GET', '/_sim/orders/B0')).body.imported).toBe(false);
  });

  it('connection refused is retryable', async () => {
    const closed = await startSim();
    const url = closed.soapUrl;
    await closed.close();
    const err = await failure(async () => (await connect({ soapUrl: url })).getOrders());
    expect(err).toMatchObject({ kind: 'UltraCartUnavailable', retryable: true });
    expectNoSecret(err);
  });
});

describe('a malformed response', () => {
  let server: http.Server;
  let replies: { status: number; body: string }[];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume().on('end', () => {
        const reply = replies.shift() ?? { status: 200, body: '' };
        res.writeHead(reply.status, { 'Content-Type': 'text/xml' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const soapUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/axis/services/DistributionCenterService`;

  const envelope = (body: string) => `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;

  it.each([
    ['broken XML', 200, '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><getOrdersResponse><order>', 'UltraCartBadResponse'],
    ['not XML at all', 200, 'this is not XML & never was', 'UltraCartBadResponse'],
    ['an entry without its orderId', 200, envelope('<getOrdersResponse><order><orderJson>{}</orderJson></order></getOrdersResponse>'), 'UltraCartBadResponse'],
    ['an empty body', 200, '', 'UltraCartBadResponse'],
    ['XML that is not SOAP', 200, '<?xml version="1.0"?><html><body>proxy login</body></html>', 'UltraCartBadResponse'],
    ['a 503 page', 503, '<html>down for maintenance</html>', 'UltraCartHttpError'],
  ])('%s is retryable', async (_name, status, body, kind) => {
    replies = [{ status, body }];
    const c = await connect({ soapUrl: soapUrl() });
    const err = await failure(() => c.getOrders());
    expect(err).toMatchObject({ kind, retryable: true });
    expectNoSecret(err);
  });

  it('an entry whose orderJson is not JSON is reported as invalid, the batch still comes through', async () => {
    replies = [{ status: 200, body: envelope('<getOrdersResponse><order><orderId>J1</orderId><orderJson>{not json</orderJson></order></getOrdersResponse>') }];
    const c = await connect({ soapUrl: soapUrl() });
    expect(await c.getOrders()).toEqual([{ orderId: 'J1', invalid: 'order J1: orderJson: not valid JSON' }]);
  });

  it('a server fault that echoes the access key has it redacted', async () => {
    replies = [
      {
        status: 500,
        body: `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>bad key ${ACCESS_KEY.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
      },
    ];
    const c = await connect({ soapUrl: soapUrl() });
    const err = await failure(() => c.getOrders());
    expect(err).toMatchObject({ kind: 'UltraCartFault', retryable: true });
    expect(err.message).toContain('[redacted]');
    expectNoSecret(err);
  });
});
