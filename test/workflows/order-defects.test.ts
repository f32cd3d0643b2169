import { ORDER_WORKFLOW, orderWorkflowStart, type OrderWorkflow } from '../../src/contract';
import { MERCHANT, World, settings, timeSkippingSuite, withOrder, type OrderUnderTest } from './order-kit';

/**
 * The order's life, one test per defect found in the old lifecycle (each failed on it), on the time-skipping
 * server with stubbed activities.
 */

const suite = timeSkippingSuite();
const orderId = suite.orderId;

it('a requeued order that is still broken is acknowledged again and parks: no loop over ingest runs', async () => {
  const w = new World(orderId('STILL-BROKEN'), 'unshippable');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('needs_attention');
    w.queued = true; // the merchant requeues it without fixing the ship-to
    for (let run = 0; run < 10; run++) {
      await o.ingest();
      await suite.env().sleep('5 seconds');
    }
    const s = await o.until((x) => x.attempts === 2 && x.stage === 'needs_attention', 'parked again after the requeue');
    expect(s.reason).toMatch(/shipping\./);
    expect(w.calls.acknowledgeOrder).toBe(2);
    expect(w.calls.importOrder).toBe(2);
    expect(w.queued).toBe(false);
    expect((await o.events()).length).toBeLessThan(60);
  });
});

it('an order whose import runs out of retries while UltraCart refuses the acknowledgement resumes by itself, not stuck', async () => {
  const w = new World(orderId('UNACKED'));
  w.fail('importOrder', 'transient');
  w.fail('acknowledgeOrder', 'refused');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await suite.env().sleep('15 minutes');
    const parked = await o.stage('retrying');
    expect(parked.next).toMatch(/retries by itself/);
    expect(await o.ingest()).toBe('in_progress'); // still queued in UltraCart: recorded, not a signal per run
    w.heal('importOrder');
    w.heal('acknowledgeOrder');
    await suite.env().sleep('1 hour');
    await o.stage('awaiting_shipment');
    expect(w.queued).toBe(false);
  });
});

it('an order in ShipStation whose mark-Imported is refused still writes back its labels', async () => {
  const w = new World(orderId('IN-SS-UNACKED'));
  w.fail('acknowledgeOrder', 'refused');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    const parked = await o.stage('needs_attention');
    expect(parked.reason).toMatch(/mark-Imported/);
    expect(parked.shipStationOrderId).toBe(100_001);
    await o.notify([w.label('PARKED-1')]);
    await o.until((s) => Object.keys(s.writtenBack).length === 1, 'label written back while parked');
    expect([...w.received.values()]).toEqual([1]);
  });
});

it('a ShipStation outage longer than the retry policy parks as retrying, unacknowledged, and resumes by itself', async () => {
  const w = new World(orderId('OUTAGE'));
  w.fail('upsertShipStationOrder', 'transient');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await suite.env().sleep('40 minutes');
    const parked = await o.stage('retrying');
    expect(parked.reason).toMatch(/create in ShipStation failed/);
    // Not acknowledged: UltraCart keeps it queued, so nothing is lost while ShipStation is down.
    expect(w.calls.acknowledgeOrder).toBe(0);
    expect(w.queued).toBe(true);
    w.heal('upsertShipStationOrder');
    await suite.env().sleep('6 minutes');
    await o.stage('awaiting_shipment');
    expect(w.calls.acknowledgeOrder).toBe(1);
    expect(w.created).toHaveLength(1);
  });
});

it('a requeue of a written-back order re-imports nothing locked, never shows awaiting_shipment, writes nothing twice', async () => {
  const w = new World(orderId('REQ-SHIPPED'));
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    await o.notify([w.label('1Z-ONCE')]);
    await o.stage('written_back');
    w.queued = true; // requeued in UltraCart after it shipped
    await o.ingest();
    await o.until((s) => s.attempts === 2 && s.stage === 'written_back', 'back to written_back after the requeue');
    await suite.env().sleep('7 hours');
    expect(w.created).toHaveLength(1);
    expect([...w.received.values()]).toEqual([1]);
    expect(w.queued).toBe(false);
    const shown = await o.stagesShown();
    expect(shown.slice(shown.lastIndexOf('importing'))).not.toContain('awaiting_shipment');
    expect(shown.at(-1)).toBe('written_back');
  });
});

it('a requeue after the workflow closed starts a run that remembers: same ShipStation order, received_count 1', async () => {
  const w = new World(orderId('REQ-CLOSED'));
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    await o.notify([w.label('1Z-CLOSED')]);
    const first = await o.handle.result();
    expect(first.outcome).toBe('written_back');
    w.queued = true;
    expect(await o.ingest()).toBe('started');
    const second = await o.handle.result();
    expect(second).toMatchObject({ outcome: 'written_back', trackingNumbers: ['1Z-CLOSED'], shipStationOrderId: 100_001 });
    expect(w.created).toHaveLength(1);
    expect([...w.received.values()]).toEqual([1]);
  });
});

it('a "mark as shipped" order found by the poll is written back with its tracking number', async () => {
  const w = new World(orderId('MARKED'));
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    // What getShipmentState lists for a fulfillment: no label, no items, the order shipped.
    w.label('MARKED-1', { shipmentId: 500_001, fulfillmentId: 500_001, shipmentItems: null, shipmentCost: 0 });
    await suite.env().sleep('6 hours');
    const s = await o.stage('written_back');
    expect(s.writtenBack).toEqual({ 'fulfillment-500001': { voided: false, trackingNumbers: ['MARKED-1'] } });
  });
});

it('a cancel in ShipStation after the write-back (labels voided, told by the void sweep) is noticed during the watch', async () => {
  const w = new World(orderId('CANCEL-LATE'));
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    const label = w.label('1Z-VOIDED');
    await o.notify([label]);
    await o.stage('written_back');
    label.voided = true;
    label.voidDate = '2026-12-01T11:00:00.0000000';
    (w.ss as NonNullable<World['ss']>).status = 'cancelled';
    await o.notify([label]); // the void sweep tells the order of its voided label
    const result = await o.handle.result();
    expect(result).toMatchObject({ outcome: 'cancelled', detail: 'cancelled in ShipStation', trackingNumbers: [] });
    expect(w.received.get(String(label.shipmentId))).toBe(2); // written, then withdrawn
  });
});

it('a new order starts without a signal; the Web UI shows its summary, details, stage, reason and next action', async () => {
  const w = new World(orderId('UI'), 'unshippable');
  await withOrder(suite.env(), w, async (o) => {
    expect(await o.ingest()).toBe('started');
    await o.stage('needs_attention');
    const events = await o.events();
    expect(events.filter((e) => e.type === 'WORKFLOW_EXECUTION_SIGNALED')).toEqual([]);
    const description = await o.handle.describe();
    expect(await description.staticSummary()).toBe(`UltraCart order ${w.orderId} (merchant ${MERCHANT})`);
    expect(await description.staticDetails()).toContain(`ucship requeue ${w.orderId}`);
    const metadata = (await o.handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
    expect(metadata.currentDetails).toMatch(/\*\*needs_attention\*\*: order .*shipping\./);
    expect(metadata.currentDetails).toMatch(/next: fix the order in UltraCart and requeue it/);
  });
});

/** Until a workflow task has run after the latest signal; returns the events from that signal on. */
async function afterLatestSignal(o: OrderUnderTest): Promise<Array<{ type: string; name?: string }>> {
  for (let i = 0; i < 200; i++) {
    const events = await o.events();
    const since = events.slice(events.map((e) => e.type).lastIndexOf('WORKFLOW_EXECUTION_SIGNALED'));
    if (since.some((e) => e.type === 'WORKFLOW_TASK_COMPLETED')) return since;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the latest signal was never handled');
}

/** Starts the order as the ingest does now (`since`), or as a version before `flag` did: without it in the input. */
async function startRun(o: OrderUnderTest, w: World, since: boolean, flag: 'knownShipmentsNoNews' | 'heldShipmentsNoNews'): Promise<void> {
  if (since) {
    await o.ingest();
    return;
  }
  const start = orderWorkflowStart(settings(o.taskQueue), w.orderId, { source: 'ingest', seenAt: Number(await suite.env().currentTimeMs()), order: w.uc });
  const [input] = start.args;
  await suite.env().client.workflow.start<OrderWorkflow>(ORDER_WORKFLOW, { ...start, args: [{ ...input, [flag]: undefined }] });
}

it.each([
  ['started since (its input says so)', true],
  ['started before (the patch decides)', false],
])('a label the order already wrote back, told again by a sweep, is no news: no poll; a new label still is (runs %s)', async (_, since) => {
  const w = new World(orderId(since ? 'TOLD-AGAIN' : 'TOLD-AGAIN-OLD'));
  await withOrder(suite.env(), w, async (o) => {
    await startRun(o, w, since, 'knownShipmentsNoNews');
    await o.stage('awaiting_shipment');
    const label = w.label('1Z-TWICE');
    await o.notify([label]);
    await o.stage('written_back');
    await o.notify([label]);
    expect((await afterLatestSignal(o)).filter((e) => e.type === 'ACTIVITY_TASK_SCHEDULED')).toEqual([]);
    expect(w.calls).toMatchObject({ getShipmentState: 0, writeBack: 1 });
    await o.notify([label, w.label('1Z-RESHIP')]);
    await o.untilWorld(() => w.calls.writeBack === 2, 'the reship written back');
    expect(w.received.get(String(label.shipmentId))).toBe(1);
  });
});

it.each([
  ['started since (its input says so)', true],
  ['started before (it polls once, as it did)', false],
])('a label told again while its write-back runs (the sweep crossing the webhook) costs no poll once written back (runs %s)', async (_, since) => {
  const w = new World(orderId(since ? 'TOLD-DURING' : 'TOLD-DURING-OLD'));
  await withOrder(suite.env(), w, async (o) => {
    await startRun(o, w, since, 'heldShipmentsNoNews');
    await o.stage('awaiting_shipment');
    const label = w.label('1Z-CROSSED');
    w.duringWriteBack = async () => {
      w.duringWriteBack = undefined;
      await o.notify([label]);
    };
    await o.notify([label]);
    await o.stage('written_back');
    await afterLatestSignal(o);
    if (!since) await o.untilWorld(() => w.calls.getShipmentState === 1, 'polled once, as runs before did');
    expect(w.calls.getShipmentState).toBe(since ? 0 : 1);
    const events = await o.events();
    expect(events.filter((e) => e.type === 'WORKFLOW_EXECUTION_SIGNALED')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'ACTIVITY_TASK_SCHEDULED').map((e) => e.name)).toEqual(['upsertShipStationOrder', 'writeBack', ...(since ? [] : ['getShipmentState', 'writeBack'])]);
    expect(w.received.get(String(label.shipmentId))).toBe(1);
  });
});

it('a label whose write-back failed, told again, is news: written back at once, not at the retry', async () => {
  const w = new World(orderId('TOLD-AGAIN-FAILED'));
  w.fail('writeBack', 'credentials');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    const label = w.label('1Z-RETOLD');
    await o.notify([label]);
    await o.stage('retrying');
    w.heal('writeBack');
    await o.notify([label]); // a duplicate webhook, or the shipment sweep
    await o.stage('written_back');
    expect(w.received.get(String(label.shipmentId))).toBe(1);
  });
});
