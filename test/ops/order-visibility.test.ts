import { OrderStageKey, UltraCartOrderId } from '../../src/contract';
import { untilLeftStage } from '../../src/ops/order-visibility';
import { connectDevServer, type DevServerHandles } from '../support/temporal';

/**
 * The ingest's wait for a batch's acknowledgements, on the real dev server: a workflow counts as having left
 * `importing` only when visibility shows it elsewhere or closed, so one whose record is not indexed yet (or
 * absent) never lets the ingest read the same batch again.
 */

let temporal: DevServerHandles;
beforeAll(async () => {
  temporal = await connectDevServer();
});
afterAll(async () => temporal?.close());

const id = (name: string) => `visibility-${process.pid}-${Date.now()}-${name}`;

it('an order visibility does not know yet has not left: the wait runs to its end', async () => {
  const since = Date.now();
  const r = await untilLeftStage(temporal.client, [id('absent-1'), id('absent-2')], 'importing', since, 300, 50);
  expect(r.still).toBe(2);
  expect(r.waitedMs).toBeGreaterThanOrEqual(300);
});

it('an importing order is waited for, and counts as left once it closed; an abort ends the wait at once', async () => {
  const workflowId = id('importing');
  const since = Date.now();
  // No worker polls this queue: the workflow stays Running in the stage it started in.
  const handle = await temporal.client.workflow.start('orderWorkflow', {
    workflowId,
    taskQueue: `no-worker-${process.pid}`,
    args: [{}],
    typedSearchAttributes: [
      { key: UltraCartOrderId, value: workflowId },
      { key: OrderStageKey, value: 'importing' },
    ],
  });
  expect((await untilLeftStage(temporal.client, [workflowId], 'importing', since, 300, 50)).still).toBe(1);

  const done = new AbortController();
  setTimeout(() => done.abort(), 100);
  const aborted = await untilLeftStage(temporal.client, [workflowId], 'importing', since, 30_000, 50, done.signal);
  expect(aborted.still).toBe(0);
  expect(aborted.waitedMs).toBeLessThan(5_000);

  await handle.terminate('test');
  const left = await untilLeftStage(temporal.client, [workflowId], 'importing', since, 30_000, 50);
  expect(left.still).toBe(0);
});
