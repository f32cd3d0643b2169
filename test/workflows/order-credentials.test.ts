import { failureKind } from '../../src/workflows/retry-policies';
import { World, timeSkippingSuite, withOrder, type OrderUnderTest } from './order-kit';

/**
 * A refused key (expired, rotated, revoked) makes orders wait, never park for a person: the order itself is fine.
 * On the time-skipping server with stubbed activities that fail as the real clients do (non-retryable, their
 * AuthenticationFailed type). Time stands still unless a test sleeps, so "at once" below means without any.
 */

const suite = timeSkippingSuite();

/** Until a workflow task has completed after the signal (read from the history, not by a query). */
async function handled(o: OrderUnderTest, signal: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const events = await o.events();
    const at = events.findIndex((e) => e.type === 'WORKFLOW_EXECUTION_SIGNALED' && e.name === signal);
    if (at >= 0 && events.slice(at).some((e) => e.type === 'WORKFLOW_TASK_COMPLETED')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${signal} never handled`);
}
const orderId = suite.orderId;

it('classes a refused key as a wait and every other non-retryable failure as a refusal', () => {
  expect(failureKind({ nonRetryable: true, type: 'ShipStationAuthenticationFailed' })).toBe('transient');
  expect(failureKind({ nonRetryable: true, type: 'UltraCartAuthenticationFailed' })).toBe('transient');
  expect(failureKind({ nonRetryable: true, type: 'ShipStationValidationFailed' })).toBe('refused');
  expect(failureKind({ nonRetryable: false, type: 'ShipStationServerError' })).toBe('transient');
});

it.each([
  ['ShipStation refuses the create', 'upsertShipStationOrder', /create in ShipStation failed: ShipStation rejected the API key.*SHIPSTATION_API_KEY/],
  ['UltraCart refuses the import', 'importOrder', /import from UltraCart failed: UltraCart rejected the credentials/],
  ['UltraCart refuses the mark-Imported', 'acknowledgeOrder', /mark-Imported in UltraCart failed: UltraCart rejected the credentials/],
] as const)('%s: the order waits as retrying, unacknowledged, and a "retry now" sends it on at once', async (_, step, reason) => {
  const w = new World(orderId(`KEY-${step}`));
  w.fail(step, 'credentials');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    const waiting = await o.stage('retrying');
    expect(waiting.reason).toMatch(reason);
    expect(waiting.next).toMatch(/retries by itself/);
    // Still queued in UltraCart: nothing is lost while the key is wrong, and no person is asked to act.
    expect(w.queued).toBe(true);
    expect(await o.stagesShown()).not.toContain('needs_attention');
    // One call per attempt: the activity is not retried against a dead key.
    expect(w.calls[step]).toBe(1);

    w.heal(step); // the key is fixed
    await o.retryNow();
    await o.stage('awaiting_shipment');
    expect(w.queued).toBe(false);
    // The retry is the whole pass: a refused mark-Imported's retry updates the same ShipStation order again.
    expect(w.created).toHaveLength(step === 'acknowledgeOrder' ? 2 : 1);
    expect((await o.status()).shipStationOrderId).toBe(100_001);
    expect(await o.stagesShown()).not.toContain('needs_attention');
  });
});

it('a refused key with nobody to say it works again: the order resumes by itself at its backoff', async () => {
  const w = new World(orderId('KEY-BY-ITSELF'));
  w.fail('upsertShipStationOrder', 'credentials');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('retrying');
    await suite.env().sleep('6 minutes'); // the first retry, 5 minutes later: still refused
    await o.until((s) => s.stage === 'retrying' && w.calls.upsertShipStationOrder === 2, 'second attempt refused');
    w.heal('upsertShipStationOrder');
    await suite.env().sleep('11 minutes'); // the second, 10 minutes after that
    await o.stage('awaiting_shipment');
    expect(w.calls.acknowledgeOrder).toBe(1);
  });
});

it('UltraCart refusing the write-back: the labels wait as retrying and are written back on "retry now", not re-imported', async () => {
  const w = new World(orderId('KEY-WRITE-BACK'));
  w.fail('writeBack', 'credentials');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('awaiting_shipment');
    await o.notify([w.label('1Z-WAITED')]);
    const waiting = await o.stage('retrying');
    expect(waiting.reason).toMatch(/write back to UltraCart failed: UltraCart rejected the credentials/);
    w.heal('writeBack');
    await o.retryNow();
    await o.stage('written_back');
    expect([...w.received.values()]).toEqual([1]);
    expect(w.calls).toMatchObject({ importOrder: 1, upsertShipStationOrder: 1, writeBack: 2 });
  });
});

it('"retry now" leaves an order that waits for a person where it is', async () => {
  const w = new World(orderId('KEY-PARKED'), 'unshippable');
  await withOrder(suite.env(), w, async (o) => {
    await o.ingest();
    await o.stage('needs_attention');
    await o.retryNow();
    await handled(o, 'retryNow');
    expect(await o.status()).toMatchObject({ stage: 'needs_attention', attempts: 1 });
    expect(w.calls.importOrder).toBe(1);
  });
});
