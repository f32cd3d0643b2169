import fs from 'node:fs';
import path from 'node:path';
import type { Payload } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import { payloadCodec } from '../../src/codec/data-converter';
import { startHarness, type Harness } from '../support/harness';
import { connectDevServer, type DevServerHandles } from '../support/temporal';

/**
 * What Temporal stores: the raw histories (no codec) of an order, its ingest and its shipment notification hold
 * none of the customer's data; decoded with the codec they hold all of it.
 */

const CUSTOMER = {
  firstName: 'Zebulon',
  lastName: 'Quixoticaberg',
  street: '4242 Marzipan Boulevard',
  phone: '555-0142-7788',
  email: 'zebulon.quixoticaberg@example.net',
  giftMessage: 'Many happy returns from Aunt Philippa Wobbleton',
};

let temporal: DevServerHandles;
let h: Harness;

beforeAll(async () => {
  temporal = await connectDevServer();
  h = await startHarness({ ...temporal, env: { SHIPMENT_POLL_INTERVAL: '1h' } });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await temporal?.close();
});

function distinctiveOrder(orderId: string): Record<string, unknown> {
  const example = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../examples/gift-with-coupon.json'), 'utf8'));
  const person = { first_name: CUSTOMER.firstName, last_name: CUSTOMER.lastName, address1: CUSTOMER.street, day_phone: CUSTOMER.phone, email: CUSTOMER.email };
  return {
    ...example,
    order_id: orderId,
    merchant_id: h.merchantId,
    billing: { ...example.billing, ...person },
    shipping: { ...example.shipping, ...person, company: undefined, evening_phone: CUSTOMER.phone },
    gift: { ...example.gift, gift_message: CUSTOMER.giftMessage },
  };
}

type History = proto.api.history.v1.IHistory;
const rawText = (history: History) => {
  const bytes = Buffer.from(proto.api.history.v1.History.encode(proto.api.history.v1.History.fromObject(history)).finish());
  return `${bytes.toString('utf8')}\n${bytes.toString('latin1')}`;
};

/** Every payload anywhere in the history (inputs, results, signals, summaries, failures), decoded with the codec. */
async function decodedText(history: History): Promise<string> {
  const codec = payloadCodec(h.config)!;
  const payloads: Payload[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (node instanceof Uint8Array) return;
    const o = node as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && o.data instanceof Uint8Array) payloads.push(o as Payload);
    for (const v of Object.values(o)) walk(v);
  };
  walk(history);
  const decoded = await codec.decode(payloads);
  return decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
}

async function notificationHistory(): Promise<History> {
  const query = `WorkflowType = "shipmentNotificationWorkflow" AND TaskQueue = "${h.config.temporal.taskQueue}"`;
  for (let i = 0; i < 300; i++) {
    for await (const wf of h.client.workflow.list({ query })) {
      const handle = h.client.workflow.getHandle(wf.workflowId, wf.runId);
      if ((await handle.describe()).status.name === 'COMPLETED') return handle.fetchHistory();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no completed notification workflow on ${h.config.temporal.taskQueue}`);
}

it('an order with distinctive customer data, written back: raw histories hold none of it, decoded they hold all', async () => {
  const orderId = `PII-${Date.now() % 100000}`;
  await h.ucAdmin.postOrders(distinctiveOrder(orderId));
  const ingestId = `ingest-${h.merchantId}-1`;
  await h.ingest();
  const { shipStationOrderId } = await h.waitForStage(orderId, 'awaiting_shipment');
  await h.buyLabel({ orderId: shipStationOrderId, trackingNumber: '1ZPII' });
  await h.waitForStage(orderId, 'written_back');

  const histories = {
    order: await h.handle(orderId).fetchHistory(),
    ingest: await h.client.workflow.getHandle(ingestId).fetchHistory(),
    notification: await notificationHistory(),
  };
  const secrets = Object.values(CUSTOMER);
  for (const [name, history] of Object.entries(histories)) {
    const raw = rawText(history);
    expect(raw).toContain('binary/encrypted');
    expect({ history: name, found: secrets.filter((s) => raw.includes(s)) }).toEqual({ history: name, found: [] });
  }
  const decoded = (await Promise.all(Object.values(histories).map(decodedText))).join('\n');
  expect(secrets.filter((s) => !decoded.includes(s))).toEqual([]);

  // What the server indexes in clear: order ids and stages only.
  const described = await h.handle(orderId).describe();
  const indexed = JSON.stringify([described.workflowId, described.typedSearchAttributes, described.memo]);
  expect(secrets.filter((s) => indexed.includes(s))).toEqual([]);
}, 120_000);
