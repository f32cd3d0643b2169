import { ORDER_WORKFLOW, orderWorkflowStart, type OrderWorkflow } from '../../src/contract';
import { World, settings, timeSkippingSuite, withOrder } from './order-kit';

/** Every other branch of the order's life, on the time-skipping server with stubbed activities. */

const suite = timeSkippingSuite();
const orderId = suite.orderId;

it('happy path: one label, written back, watched, done in at most 40 history events', async () => {
  const w = new World(orderId('HAPPY'));
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    // Waiting on the stubs, not on a query: the time-skipping server records a workflow task per query.
    await o.untilWorld(() => w.calls.acknowledgeOrder === 1, 'acknowledged');
    await o.notify([w.label('1Z-HAPPY')]);
    expect(await o.handle.result()).toMatchObject({ outcome: 'written_back', trackingNumbers: ['1Z-HAPPY'], detail: 'written back: 1Z-HAPPY' });
    const events = await o.events();
    expect(events.length).toBeLessThanOrEqual(40);
    expect(events.filter((e) => e.type === 'WORKFLOW_EXECUTION_SIGNALED').map((e) => e.name)).toEqual(['shipmentNotified']);
    expect((await o.stagesShown()).slice(-2)).toEqual(['writing_back', 'written_back']);
    expect(w.calls).toMatchObject({ importOrder: 1, upsertShipStationOrder: 1, acknowledgeOrder: 1, writeBack: 1, getShipmentState: 0 });
    expect(w.fetches).toBe(0);
    // Import and map are one local activity, and the run's input says so: two markers (it and mark-Imported),
    // no patch marker, and every search attribute upsert is a stage change.
    expect(events.filter((e) => e.type === 'ACTIVITY_TASK_SCHEDULED').map((e) => e.name)).toEqual(['upsertShipStationOrder', 'writeBack']);
    expect(events.filter((e) => e.type === 'MARKER_RECORDED')).toHaveLength(2);
    expect(await o.stagesShown()).toEqual(['awaiting_shipment', 'writing_back', 'written_back']);
  });
});

it('an order ShipStation already shipped (locked upsert) is not re-sent: its labels are looked up and written back', async () => {
  const w = new World(orderId('LOCKED'));
  w.existing('shipped');
  w.label('1Z-EARLIER');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    const s = await o.stage('written_back');
    expect(s.lastError).toMatch(/already shipped; left unchanged/);
    expect(w.created).toHaveLength(0);
    expect(w.calls.acknowledgeOrder).toBe(1);
    expect([...w.received.values()]).toEqual([1]);
  });
});

it('an order ShipStation already cancelled ends cancelled, acknowledged', async () => {
  const w = new World(orderId('LOCKED-CANCELLED'));
  w.existing('cancelled');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    expect(await o.handle.result()).toMatchObject({ outcome: 'cancelled', detail: 'cancelled in ShipStation' });
    expect(w.calls.acknowledgeOrder).toBe(1);
  });
});

it('a cancel after the write-back is refused and said so; the order ends written back', async () => {
  const w = new World(orderId('CANCEL-SHIPPED'));
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    await o.notify([w.label('1Z-KEEP')]);
    await o.stage('written_back');
    await o.cancel('customer changed their mind');
    await o.until((s) => /cancel refused/.test(s.lastError ?? ''), 'cancel refused');
    expect(await o.handle.result()).toMatchObject({ outcome: 'written_back' });
    expect(w.calls.cancelShipStationOrder).toBe(0);
  });
});

it('a cancel while awaiting shipment cancels the ShipStation order; one ShipStation shipped meanwhile is written back instead', async () => {
  const open = new World(orderId('CANCEL-OPEN'));
  await withOrder(suite.env(), open, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    await o.cancel('duplicate order');
    expect(await o.handle.result()).toMatchObject({ outcome: 'cancelled', detail: 'cancelled: duplicate order' });
    expect(open.ss?.status).toBe('cancelled');
  });
  const raced = new World(orderId('CANCEL-RACED'));
  await withOrder(suite.env(), raced, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    raced.label('1Z-RACED'); // bought in ShipStation, its webhook not here yet
    await o.cancel('too late');
    const s = await o.stage('written_back');
    expect(s.lastError).toMatch(/cancel refused: ShipStation order \d+ is already shipped/);
    expect([...raced.received.values()]).toEqual([1]);
  });
});

it('a cancel ShipStation refuses ends the workflow saying the order must be cancelled there by hand', async () => {
  const w = new World(orderId('CANCEL-FAILS'));
  w.fail('cancelShipStationOrder', 'refused');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    await o.cancel('customer asked');
    const result = await o.handle.result();
    expect(result.outcome).toBe('cancelled');
    expect(result.detail).toMatch(/ShipStation order 100001 could not be cancelled \(cancel in ShipStation failed: .*\): cancel it there by hand/);
  });
});

it('a poll that fails for a while leaves the order waiting; the next poll finds the label', async () => {
  const w = new World(orderId('POLL-FAILS'));
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    w.fail('getShipmentState', 'transient');
    await suite.env().sleep('7 hours');
    const s = await o.stage('awaiting_shipment');
    expect(s.lastError).toMatch(/poll ShipStation shipments failed/);
    w.heal('getShipmentState');
    w.label('1Z-POLLED');
    await suite.env().sleep('6 hours');
    await o.stage('written_back');
  });
});

it('a write-back that runs out of retries parks as retrying and is written back by itself later', async () => {
  const w = new World(orderId('WB-FAILS'));
  w.fail('writeBack', 'transient');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    await o.notify([w.label('1Z-LATER')]);
    await suite.env().sleep('6 minutes');
    const parked = await o.stage('retrying');
    expect(parked.reason).toMatch(/write back to UltraCart failed/);
    w.heal('writeBack');
    await suite.env().sleep('6 minutes');
    await o.stage('written_back');
    expect([...w.received.values()]).toEqual([1]);
  });
});

it('a write-back retrying by itself that is told to look again (reconciliation) writes back and goes on watching, not waiting for its retry', async () => {
  const w = new World(orderId('WB-LOOK'));
  w.fail('writeBack', 'credentials');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    await o.notify([w.label('1Z-LOOKED')]);
    await o.stage('retrying');
    w.heal('writeBack');
    await o.notify([]); // what reconciliation's "look again" sends
    await o.stage('written_back');
    expect([...w.received.values()]).toEqual([1]);
  });
});

it('a stale sighting (read before our acknowledgement) is dropped; a person`s requeue of a parked order imports it', async () => {
  const w = new World(orderId('STALE'), 'unshippable');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    const parked = await o.stage('needs_attention');
    await o.handle.signal('sighting', { source: 'ingest', seenAt: Date.parse(parked.acknowledgedAt as string) - 1 });
    await suite.env().sleep('1 minute');
    expect((await o.status()).attempts).toBe(1);
    expect(w.fetches).toBe(0); // the sighting carried the order
    w.uc = World.order(w.orderId, 'basic'); // the merchant fixes the address
    // ucship requeue carries no data: the import fetches the fixed order instead of the one the sighting had.
    await o.handle.signal('requeue', { source: 'cli' });
    await o.stage('awaiting_shipment');
    expect(w.calls.importOrder).toBe(2);
    expect(w.fetches).toBe(1);
  });
});

it('a sighting read while the acknowledgement was on its way is dropped: the acknowledgement counts from when UltraCart took it', async () => {
  const w = new World(orderId('INFLIGHT'));
  const before = Number(await suite.env().currentTimeMs());
  // The batched call lands well after the workflow task that scheduled it began (workflow time stands still).
  w.acknowledgedAtMs = before + 30_000;
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    const imported = await o.stage('awaiting_shipment');
    expect(Date.parse(imported.acknowledgedAt as string)).toBe(before + 30_000);
    // Another reader's queue read, begun while the acknowledgement was in flight, still had the order.
    await o.handle.signal('sighting', { source: 'ingest', seenAt: before + 20_000 });
    await suite.env().sleep('1 minute');
    expect((await o.status()).attempts).toBe(1);
    expect(w.calls.upsertShipStationOrder).toBe(1);
    // Read after it: UltraCart handed the order out again, the merchant's requeue.
    await o.handle.signal('sighting', { source: 'ingest', seenAt: before + 30_001 });
    await o.untilWorld(() => w.calls.acknowledgeOrder === 2, 'imported again');
    expect((await o.status()).attempts).toBe(2);
  });
});

it('many requeues continue as new with the state carried: attempts, acknowledgement and ShipStation id kept', async () => {
  const w = new World(orderId('MANY'));
  await withOrder(suite.env(), w, async (o) => {
    const start = orderWorkflowStart(settings(o.taskQueue), w.orderId, { source: 'ingest', seenAt: Number(await suite.env().currentTimeMs()) });
    const [input] = start.args;
    const first = await suite.env().client.workflow.start<OrderWorkflow>(ORDER_WORKFLOW, { ...start, args: [{ ...input, continueAsNewAfterEvents: 40 }] });
    // Requeues by a person (no seenAt), so no time has to pass between them. Each waits until the run (maybe a
    // new one) is idle on its timer, read from the history: the time-skipping server loses a signal that meets a
    // continue-as-new, and a query then stalls it.
    await o.untilWaiting();
    for (let i = 0; i < 4; i++) {
      await o.handle.signal('requeue', { source: 'cli' });
      await o.untilWorld(() => w.calls.acknowledgeOrder === i + 2, `requeue ${i + 1} acknowledged`);
      await o.untilWaiting();
    }
    await o.notify([w.label('1Z-AFTER-CAN')]);
    await o.untilWorld(() => w.received.size === 1, 'written back');
    const s = await o.stage('written_back');
    expect(s).toMatchObject({ attempts: 5, shipStationOrderId: 100_001 });
    expect((await o.handle.describe()).runId).not.toBe(first.firstExecutionRunId);
    expect((await o.events()).length).toBeLessThan(80);
    expect(w.created).toHaveLength(5);
  });
}, 120_000); // a dozen queries, each a replay on a loaded machine

it('batching hints travel: the UltraCart batch to the upsert and the acknowledgement (a parked order\'s too), the notification to the write-back', async () => {
  const w = new World(orderId('COHORTS'));
  const batch = { id: 'ingest batch', size: 100 };
  const notification = { id: 'notification 1', size: 7 };
  await withOrder(suite.env(), w, async (o) => {
    await o.sight(batch);
    await o.untilWorld(() => w.calls.acknowledgeOrder === 1, 'acknowledged');
    await o.notify([w.label('1Z-COHORT')], notification);
    await o.stage('written_back');
    // A requeue later travels alone: its batch has gone by.
    await o.handle.signal('requeue', { source: 'cli' });
    await o.until((st) => st.attempts === 2 && st.stage === 'written_back', 'imported again and settled');
    expect(w.cohorts).toEqual({ upsert: [batch, undefined], acknowledge: [batch, undefined], writeBack: [notification] });
  });
  // An order parked before ShipStation is acknowledged with its batch all the same.
  const parked = new World(orderId('COHORT-PARKED'), 'unshippable');
  await withOrder(suite.env(), parked, async (o) => {
    await o.sight(batch);
    await o.stage('needs_attention');
    expect(parked.cohorts).toEqual({ upsert: [], acknowledge: [batch], writeBack: [] });
  });
});
