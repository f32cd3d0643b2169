import { WorkflowFailedError } from '@temporalio/client';
import { demoOrderOfKind } from '../../sandbox/demo-orders';
import { orderKeyOf, type OrderStatus } from '../../src/contract';
import { encodeHistory, recordHistories } from '../support/histories';
import { startHarness, type Harness } from '../support/harness';
import { connectDevServer, type DevServerHandles } from '../support/temporal';
import { waitFor } from '../../stack-kit';

/** The order's whole path on the real dev server with both simulators. */

let temporal: DevServerHandles;
let h: Harness;

/** Each of these follows within seconds; 30 s leaves room for a loaded machine. */
const eventually = (what: string, check: () => Promise<boolean>) => waitFor(what, check, { timeoutMs: 30_000, everyMs: 150 });
let n = 0;

beforeAll(async () => {
  temporal = await connectDevServer();
  h = await startHarness({ ...temporal, env: { SHIPMENT_WATCH_PERIOD: '20s', SHIPMENT_POLL_INTERVAL: '1h' } });
}, 60_000);

/** Test name → order id, for recording histories (UCSHIP_RECORD_HISTORIES=1) into test/histories/. */
const recorded = new Map<string, string>();

afterAll(async () => {
  if (process.env.UCSHIP_RECORD_HISTORIES === '1') await recordHistories(h, recorded);
  await h?.close();
  await temporal?.close();
});

function order(overrides: Record<string, unknown> = {}, kind: Parameters<typeof demoOrderOfKind>[0] = 'basic') {
  n += 1;
  const result = { ...demoOrderOfKind(kind, { merchantId: h.merchantId, n }), order_id: `ORD-${n}-${Date.now() % 100000}`, ...overrides } as Record<string, unknown> & {
    order_id: string;
  };
  if (!recorded.has(expect.getState().currentTestName ?? '')) recorded.set(expect.getState().currentTestName ?? '', result.order_id);
  return result;
}

async function ssOrdersFor(orderId: string) {
  const all = (await h.ssAdmin.orders()) as { orders: Array<{ orderId: number; orderKey: string; orderStatus: string; customerNotes?: string }> };
  return all.orders.filter((o) => o.orderKey === orderKeyOf(h.merchantId, orderId));
}

it('happy path: queued in UltraCart → ShipStation → acknowledged → label → tracking, carrier, service, cost in UltraCart', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const status = await h.waitForStage(o.order_id, 'awaiting_shipment');
  expect(status.shipStationOrderId).toEqual(expect.any(Number));
  expect((await h.ucAdmin.order(o.order_id)).imported).toBe(true);
  expect(await ssOrdersFor(o.order_id)).toHaveLength(1);
  // Image and bin reach ShipStation over either transport (REST: from UltraCart's Item API).
  const [ucItem] = o.items as Array<{ image_url?: string; inventory_location?: string }>;
  const [ssItem] = ((await ssOrdersFor(o.order_id))[0] as unknown as { items: Array<{ imageUrl: string | null; warehouseLocation: string | null }> }).items;
  expect(ssItem).toMatchObject({ imageUrl: ucItem.image_url ?? null, warehouseLocation: ucItem.inventory_location ?? null });

  await h.buyLabel({ orderId: status.shipStationOrderId, trackingNumber: '1Z999', shipmentCost: 8.5, insuranceCost: 1.25 });
  await h.waitForStage(o.order_id, 'written_back');
  const uc = await h.ucAdmin.order(o.order_id);
  if (h.transport === 'soap') {
    expect(uc.shipments).toEqual([
      expect.objectContaining({ tracking_numbers: ['1Z999'], carrier: 'UPS', service: 'ups_ground', shipping_cost: 9.75 }),
    ]);
  } else {
    // REST's FulfillmentShipment carries tracking numbers and the carrier fee only; the status says what stayed behind.
    expect(uc).toMatchObject({ shipped: true, tracking_numbers: ['1Z999'], shipping_cost: 9.75 });
    expect(uc.shipments).toEqual([expect.objectContaining({ tracking_numbers: ['1Z999'], carrier: null, service: null })]);
    const written = Object.values((await h.status(o.order_id)).writtenBack);
    expect(written).toEqual([expect.objectContaining({ notSent: expect.arrayContaining(['carrier UPS', 'service ups_ground']) })]);
  }
});

it('the same order ingested twice gives one workflow and one ShipStation order', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await Promise.all([h.ingest(), h.ingest()]);
  await h.ingest();
  await h.waitForStage(o.order_id, 'awaiting_shipment');
  await h.ingest(); // acknowledged now: UltraCart no longer hands it out
  expect(await ssOrdersFor(o.order_id)).toHaveLength(1);
  const runs = await h.client.workflow.count(`WorkflowId = "${h.handle(o.order_id).workflowId}"`);
  expect(runs.count).toBe(1);
});

it('requeue after an edit updates the same ShipStation order in place', async () => {
  const o = order({ checkout: { comments: 'first version' } });
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const before = await h.waitForStage(o.order_id, 'awaiting_shipment');
  // The merchant edits the order in UltraCart, which queues it for the DC again.
  await h.ucAdmin.postOrders({ ...o, checkout: { comments: 'edited version' } });
  await h.ingest();
  await eventually('the edit in ShipStation', async () => (await ssOrdersFor(o.order_id))[0]?.customerNotes?.includes('edited version') === true);
  const after = await h.waitForStage(o.order_id, 'awaiting_shipment');
  expect(after.attempts).toBe(2);
  expect(after.shipStationOrderId).toBe(before.shipStationOrderId);
  expect(await ssOrdersFor(o.order_id)).toHaveLength(1);
});

it('an order without ship-to parks (acknowledged, reason names the field); fixed and requeued it goes through', async () => {
  const o = order({}, 'unshippable');
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const parked = await h.waitForStage(o.order_id, 'needs_attention');
  expect(parked.reason).toMatch(/shipping\.(address1|city|country_code)/);
  expect((await h.ucAdmin.order(o.order_id)).imported).toBe(true);
  expect(await ssOrdersFor(o.order_id)).toHaveLength(0);

  const fixed = { ...o, shipping: { ...order().shipping as object } };
  await h.ucAdmin.postOrders(fixed); // the edit queues it again
  await h.ingest();
  await h.waitForStage(o.order_id, 'awaiting_shipment');
  expect(await ssOrdersFor(o.order_id)).toHaveLength(1);
});

it('split shipment: two labels, two write-backs, both tracking numbers', async () => {
  const base = order();
  const [item] = base.items as Array<Record<string, unknown>>;
  const o = { ...base, shipping: { ...(base.shipping as object), weight: undefined }, items: [{ ...item, item_index: 1 }, { ...item, item_index: 2, merchant_item_id: 'SECOND-SKU' }] };
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
  await h.buyLabel({ orderId: s.shipStationOrderId, trackingNumber: 'SPLIT-1', items: [{ lineItemKey: '1', quantity: item.quantity as number }] });
  await eventually('the first write-back', async () => (await h.ucAdmin.order(o.order_id)).shipments.length === 1);
  // UltraCart holds the write-back a moment before the workflow records it and goes back to waiting.
  await h.waitForStage(o.order_id, 'awaiting_shipment');
  await h.buyLabel({ orderId: s.shipStationOrderId, trackingNumber: 'SPLIT-2' });
  const done = await h.waitForStage(o.order_id, 'written_back');
  expect(Object.values(done.writtenBack).flatMap((w) => w.trackingNumbers).sort()).toEqual(['SPLIT-1', 'SPLIT-2']);
  const stored = (await h.ucAdmin.order(o.order_id)).shipments as Array<{ tracking_numbers: string[] }>;
  expect(stored.flatMap((x) => x.tracking_numbers).sort()).toEqual(['SPLIT-1', 'SPLIT-2']);
});

/** An order through its first write-back with one label, which is then voided (ShipStation sends no webhook for that). */
async function writtenBackThenVoided(trackingNumber: string) {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
  const label = await h.buyLabel({ orderId: s.shipStationOrderId, trackingNumber });
  await h.waitForStage(o.order_id, 'written_back');
  await h.ssAdmin.voidLabel(label.shipmentId);
  return { orderId: o.order_id, shipStationOrderId: s.shipStationOrderId, voided: label.shipmentId, trackingNumber };
}

/** Waits until UltraCart lists no tracking number for the shipment any more (REST: the order's list lacks it). */
async function waitForWithdrawn(orderId: string, shipmentId: number, trackingNumber: string): Promise<void> {
  await eventually(`shipment ${shipmentId} withdrawn`, async () => {
    const uc = await h.ucAdmin.order(orderId);
    if (h.transport === 'rest') return !uc.tracking_numbers.includes(trackingNumber);
    const shipments = uc.shipments as Array<{ shipment_id: string; tracking_numbers: string[] }>;
    return shipments.find((x) => x.shipment_id === String(shipmentId))?.tracking_numbers.length === 0;
  });
}

it('void then reship: the voided tracking number is withdrawn, the new one written', async () => {
  const { orderId, shipStationOrderId, voided, trackingNumber } = await writtenBackThenVoided('VOID-ME');
  await h.buyLabel({ orderId: shipStationOrderId, trackingNumber: 'RESHIP-1' });
  await eventually('the reship written back', async () => (await h.ucAdmin.order(orderId)).shipments.some((x: { tracking_numbers: string[] }) => x.tracking_numbers.includes('RESHIP-1')));
  await waitForWithdrawn(orderId, voided, trackingNumber);
});

it('a void with no reship after the write-back: the void sweep finds it and its tracking number is withdrawn', async () => {
  const { orderId, voided, trackingNumber } = await writtenBackThenVoided('VOID-ALONE');
  const sweep: { ordersSignalled: number } = await h.client.workflow.execute('voidSweepWorkflow', {
    taskQueue: h.config.temporal.taskQueue,
    workflowId: `void-sweep-${orderId}`,
    args: [60_000],
  });
  expect(sweep.ordersSignalled).toBeGreaterThanOrEqual(1);
  await waitForWithdrawn(orderId, voided, trackingNumber);
  // UltraCart holds the withdrawal as soon as the activity sent it; the workflow records it when the activity's
  // result comes back, a moment later.
  await eventually('the workflow recording the withdrawal', async () => ((await h.handle(orderId).query<OrderStatus>('status')).writtenBack[String(voided)]?.voided ?? false));
});

it('cancel: the open ShipStation order is cancelled and the workflow ends cancelled', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  await h.waitForStage(o.order_id, 'awaiting_shipment');
  await h.handle(o.order_id).signal('cancel', { reason: 'customer changed their mind' });
  const result = await h.handle(o.order_id).result();
  expect(result).toMatchObject({ outcome: 'cancelled' });
  expect((await ssOrdersFor(o.order_id))[0].orderStatus).toBe('cancelled');
});

it('an order cancelled in ShipStation is found by the next poll and the workflow ends cancelled', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
  await h.ssAdmin.cancelOrder(s.shipStationOrderId as number);
  // An empty notification asks the workflow to poll now instead of at the next SHIPMENT_POLL_INTERVAL.
  await h.handle(o.order_id).signal('shipmentNotified', { shipments: [] });
  expect(await h.handle(o.order_id).result()).toMatchObject({ outcome: 'cancelled', detail: 'cancelled in ShipStation' });
  expect((await h.ucAdmin.order(o.order_id)).shipments).toEqual([]);
});

it('a requeue of a written-back order writes nothing twice (received_count 1) and ends written_back', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
  await h.buyLabel({ orderId: s.shipStationOrderId, trackingNumber: 'REQ-AFTER-SHIP' });
  await h.waitForStage(o.order_id, 'written_back');
  await h.ucAdmin.requeue(o.order_id);
  await h.ingest();
  await eventually('re-imported and acknowledged again', async () => (await h.status(o.order_id)).attempts === 2 && (await h.ucAdmin.order(o.order_id)).imported === true);
  expect(await h.handle(o.order_id).result()).toMatchObject({ outcome: 'written_back', trackingNumbers: ['REQ-AFTER-SHIP'] });
  expect((await h.ucAdmin.order(o.order_id)).shipments).toEqual([expect.objectContaining({ tracking_numbers: ['REQ-AFTER-SHIP'], received_count: 1 })]);
});

it('an order marked as shipped in ShipStation (no label, no webhook) is written back with its tracking number', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
  const auth = `Basic ${Buffer.from(`${h.config.shipstation.apiKey}:${h.config.shipstation.apiSecret}`).toString('base64')}`;
  const marked = await fetch(`${h.ss.url}/orders/markasshipped`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ orderId: s.shipStationOrderId, carrierCode: 'usps', shipDate: '2026-12-01', trackingNumber: '9400MARKED1', notifyCustomer: false, notifySalesChannel: false }),
  });
  expect(marked.status).toBe(200);
  // The next poll finds it; an empty notification asks for that poll now.
  await h.handle(o.order_id).signal('shipmentNotified', { shipments: [] });
  expect(await h.handle(o.order_id).result()).toMatchObject({ outcome: 'written_back', trackingNumbers: ['9400MARKED1'] });
  expect((await h.ucAdmin.order(o.order_id)).shipments).toEqual([expect.objectContaining({ tracking_numbers: ['9400MARKED1'] })]);
});

it('UltraCart faults for a while: retried, the order completes', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  const [read, acknowledge] = h.transport === 'soap' ? (['getOrder', 'acknowledgeOrders'] as const) : (['queuedOrders', 'acknowledgements'] as const);
  await h.ucAdmin.addFault({ operation: read, mode: 'http500', count: 2 });
  await h.ucAdmin.addFault({ operation: acknowledge, mode: 'fault', count: 2 });
  await h.ingest();
  await h.waitForStage(o.order_id, 'awaiting_shipment', 60_000);
  expect((await h.ucAdmin.order(o.order_id)).imported).toBe(true);
});

it('a wrong access key fails fast with a clear message and no retry storm', async () => {
  const bad = await startHarness({ ...temporal, ultracartAccessKey: 'not-the-key-123' });
  try {
    await bad.ucAdmin.postOrders(order());
    const failure = (await bad.ingest().catch((e: unknown) => e)) as WorkflowFailedError;
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = String((failure.cause as Error | undefined)?.cause);
    expect(cause).toContain(bad.merchantId);
    const message = JSON.stringify(failure, Object.getOwnPropertyNames(failure)) + cause;
    expect(message).not.toContain('not-the-key-123');
    const stats = await bad.ucAdmin.stats();
    expect(JSON.stringify(stats)).toMatch(bad.transport === 'soap' ? /"getOrders":\s*1\b/ : /"queuedOrders":\s*1\b/);
  } finally {
    await bad.close();
  }
});

it('keeps secrets out of the workflow histories this code produced', async () => {
  const secrets = ['sandbox-access-key', 'sandbox-secret', 'sandbox-webhook-secret'];
  expect([h.config.ultracart.accessKey, h.config.shipstation.apiSecret, h.config.http.webhookSecret]).toEqual(secrets);
  let checked = 0;
  for (const [test, orderId] of recorded) {
    const history = await h.handle(orderId).fetchHistory().catch(() => undefined); // an order of another harness
    if (!history) continue;
    checked += 1;
    const bytes = encodeHistory(history).toString('latin1');
    for (const secret of secrets) expect(bytes.includes(secret) ? `${test} holds ${secret}` : 'clean').toBe('clean');
  }
  expect(checked).toBeGreaterThanOrEqual(10);
});
