import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ShipStationSimulator } from '../../sandbox/shipstation';
import type { ShipStationClient } from '../../src/shipstation/client';
import { webhookPayloadSchema } from '../../src/shipstation/schemas';
import { waitFor } from '../../stack-kit';
import { admin, caught, clientFor, order, rest, startSim } from './helpers';

let sim: ShipStationSimulator;
let client: ShipStationClient;
let receiver: http.Server;
let receiverUrl: string;
let received: Array<{ path: string; body: unknown }> = [];
/** Status codes the receiver answers with, first to last; 200 once used up. */
let answers: number[] = [];

beforeAll(async () => {
  sim = await startSim();
  client = clientFor(sim.url);
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const status = answers.shift() ?? 200;
      if (status === 200) received.push({ path: req.url ?? '', body: JSON.parse(text) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.close();
  await new Promise((r) => receiver.close(r));
});
beforeEach(() => {
  sim.reset();
  received = [];
  answers = [];
});

const until = (check: () => boolean) => waitFor('the webhook delivery', check, { timeoutMs: 3000, everyMs: 10 });
const buyLabel = (orderId: number) => admin<{ shipmentId: number; batchNumber: string }>(sim.url, 'POST', '/_sim/shipments', { orderId, carrierCode: 'ups', serviceCode: 'ups_ground', shipmentCost: 8.5 });

describe('SHIP_NOTIFY webhooks', () => {
  it('delivers a webhook whose resource_url the client fetches', async () => {
    const { id } = await client.subscribeWebhook({ targetUrl: `${receiverUrl}/webhooks/shipstation/s3cret`, event: 'SHIP_NOTIFY', friendlyName: 'ucship' });
    expect(await client.listWebhooks()).toEqual([{ id, event: 'SHIP_NOTIFY', targetUrl: `${receiverUrl}/webhooks/shipstation/s3cret`, storeId: null, friendlyName: 'ucship', active: true }]);
    const created = await client.createOrder(order('8001'));
    const label = await buyLabel(created.orderId);
    await until(() => received.length > 0);

    expect(received).toHaveLength(1);
    expect(received[0].path).toBe('/webhooks/shipstation/s3cret');
    const payload = webhookPayloadSchema.parse(received[0].body);
    expect(payload).toEqual({ resource_type: 'SHIP_NOTIFY', resource_url: `${sim.url}/shipments?batchId=${label.body.batchNumber}&includeShipmentItems=False` });
    const shipments = await client.fetchResource(payload.resource_url);
    expect(shipments.map((s) => [s.shipmentId, s.orderId, s.shipmentItems])).toEqual([[label.body.shipmentId, created.orderId, null]]);
  });

  it('refuses a resource_url on another host, port or scheme, without calling it', async () => {
    const sameHostOtherPort = `http://127.0.0.1:1/shipments?batchId=1`;
    for (const url of ['http://evil.example/shipments?batchId=1', sameHostOtherPort, sim.url.replace('http:', 'https:') + '/shipments', 'not a url']) {
      expect(await caught(client.fetchResource(url))).toMatchObject({ kind: 'ShipStationForeignResourceUrl', retryable: false });
    }
    expect((await admin<{ total: number }>(sim.url, 'GET', '/_sim/stats')).body.total).toBe(0);
  });

  it('retries a failed delivery (at least once)', async () => {
    answers = [500, 503];
    await client.subscribeWebhook({ targetUrl: `${receiverUrl}/hook`, event: 'SHIP_NOTIFY' });
    await buyLabel((await client.createOrder(order('8002'))).orderId);
    await until(() => received.length > 0);
    expect(received).toHaveLength(1);
    expect((await admin<{ webhooks: { retried: number; delivered: number } }>(sim.url, 'GET', '/_sim/stats')).body.webhooks).toMatchObject({ retried: 2, delivered: 1 });
  });

  it('gives each label its own batch and webhook; voids send none', async () => {
    await client.subscribeWebhook({ targetUrl: `${receiverUrl}/hook`, event: 'SHIP_NOTIFY' });
    const created = await client.createOrder(order('8003'));
    const first = await admin<{ shipmentId: number }>(sim.url, 'POST', '/_sim/shipments', { orderId: created.orderId, carrierCode: 'ups', serviceCode: 'g', shipmentCost: 1, items: [{ lineItemKey: '1', quantity: 2 }] });
    await buyLabel(created.orderId);
    await until(() => received.length >= 2);
    await admin(sim.url, 'POST', `/_sim/shipments/${first.body.shipmentId}/void`);
    await new Promise((r) => setTimeout(r, 100));
    const urls = received.map((r) => (r.body as { resource_url: string }).resource_url);
    expect(urls).toHaveLength(2);
    expect(new Set(urls).size).toBe(2);
  });

  it('drops or duplicates deliveries on demand', async () => {
    await client.subscribeWebhook({ targetUrl: `${receiverUrl}/hook`, event: 'SHIP_NOTIFY' });
    await admin(sim.url, 'POST', '/_sim/faults', { mode: 'drop_webhook', count: 1 });
    await buyLabel((await client.createOrder(order('8004'))).orderId);
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(0);

    await admin(sim.url, 'POST', '/_sim/faults', { mode: 'duplicate_webhook', count: 1 });
    await buyLabel((await client.createOrder(order('8005'))).orderId);
    await until(() => received.length >= 2);
    expect(received.map((r) => r.body)).toEqual([received[0].body, received[0].body]);
  });

  it('stops after unsubscribe', async () => {
    const { id } = await client.subscribeWebhook({ targetUrl: `${receiverUrl}/hook`, event: 'SHIP_NOTIFY' });
    expect((await rest(sim.url, 'DELETE', `/webhooks/${id}`)).status).toBe(200);
    expect(await client.listWebhooks()).toEqual([]);
    await buyLabel((await client.createOrder(order('8006'))).orderId);
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(0);
  });
});
