import fs from 'node:fs';
import { WorkflowNotFoundError } from '@temporalio/client';
import os from 'node:os';
import path from 'node:path';
import { generateDemoOrders } from '../../sandbox/demo-orders';
import { startSimulators, type Simulators } from '../../sandbox/simulators';
import { OrderStageKey, ingestScheduleId, orderKeyOf, orderWorkflowId, shipmentSweepScheduleId, voidSweepScheduleId } from '../../src/contract';
import { freePort } from '../../src/util/free-port';
import { WorkerProcess, waitFor } from '../../stack-kit';
import { connectDevServer, type DevServerHandles } from '../support/temporal';
import { simulatorWorkerEnv } from '../support/worker-env';

/**
 * A worker process SIGKILLed after its createorders call reached ShipStation and before the results reached the
 * orders: ShipStation made the orders, nobody heard. The next worker retries the upserts (orderKey upserts):
 * nothing is duplicated and every order goes on.
 */

const MERCHANT = `KILL${process.pid % 10000}`;
const ORDERS = 30;

let temporal: DevServerHandles;
let sims: Simulators;
let worker: WorkerProcess;
let dir: string;

beforeAll(async () => {
  temporal = await connectDevServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-batch-kill-'));
  sims = await startSimulators({ ultracart: { merchantId: MERCHANT }, shipstation: { rateLimitPerMinute: 0 } });
  worker = new WorkerProcess({
    cwd: dir,
    logFile: path.join(dir, 'worker.log'),
    env: simulatorWorkerEnv({ sims, merchantId: MERCHANT, taskQueue: `batch-kill-${MERCHANT}`, httpPort: await freePort(), dir }, {
      SHIPSTATION_RATE_LIMIT_PER_MINUTE: '0',
      // One batch for all: the orders are imported well within the linger.
      BATCH_LINGER: '3s',
      INGEST_INTERVAL: '2s',
      SHIPMENT_POLL_INTERVAL: '1h',
    }),
  });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  for (const id of [ingestScheduleId, voidSweepScheduleId, shipmentSweepScheduleId].map((scheduleId) => scheduleId(MERCHANT, 'DFLT'))) {
    await temporal?.client.schedule.getHandle(id).delete().catch(() => undefined);
  }
  await sims?.close();
  await temporal?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The order's stage as its search attribute says (no worker needed to answer); undefined before it started. */
async function stage(orderId: string): Promise<string | undefined> {
  try {
    return (await temporal.client.workflow.getHandle(orderWorkflowId(MERCHANT, orderId)).describe()).typedSearchAttributes.get(OrderStageKey);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
const createOrdersCalls = async () => (await sims.ssAdmin.stats()).requests['POST /orders/createorders'] ?? 0;

it('SIGKILL between the createorders call and its results: 0 duplicates in ShipStation, every order completes', async () => {
  const orders = generateDemoOrders(ORDERS, 7, { merchantId: MERCHANT, idPrefix: 'K', includeUnshippable: false }) as Array<{ order_id: string }>;
  const ids = orders.map((o) => o.order_id);
  // ShipStation takes the first batch call, makes the orders, and answers only after 4 s.
  await sims.ssAdmin.addFault({ route: 'POST /orders/createorders', mode: 'delay', delay_ms: 4000, count: 1 });
  await worker.start();
  await sims.ucAdmin.postOrders(orders);

  await waitFor('the batch call reached ShipStation', async () => (await createOrdersCalls()) >= 1, { timeoutMs: 120_000 });
  await worker.kill();
  // ShipStation still carries out the call the dead worker made (all the batch's orders in one go).
  await waitFor('ShipStation made the orders of the batch', async () => (await sims.ssAdmin.orders()).orders.length > 0, { timeoutMs: 30_000 });
  const made = (await sims.ssAdmin.orders()).orders.map((o) => o.orderKey);
  const unheard = await Promise.all(ids.filter((id) => made.includes(orderKeyOf(MERCHANT, id))).map(stage));
  expect(unheard.length).toBe(made.length);
  expect(unheard.every((s) => s === 'importing')).toBe(true);

  await worker.start();
  await waitFor('every order past its upsert', async () => (await Promise.all(ids.map(stage))).every((s) => s === 'awaiting_shipment'), { timeoutMs: 120_000 });

  const keys = (await sims.ssAdmin.orders()).orders.map((o) => o.orderKey);
  expect(keys.sort()).toEqual(ids.map((id) => orderKeyOf(MERCHANT, id)).sort());
  expect(await createOrdersCalls()).toBeGreaterThanOrEqual(2);
  for (const id of ids) expect((await sims.ucAdmin.order(id)).imported).toBe(true);
}, 240_000);
