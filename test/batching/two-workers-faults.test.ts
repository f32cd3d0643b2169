import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { holds, waitForInvariants } from '../../drill/check';
import { startFaultMix } from '../../drill/fault-mix';
import { generateDemoOrders } from '../../sandbox/demo-orders';
import { startSimulators, type Simulators } from '../../sandbox/simulators';
import { ingestScheduleId, orderKeyOf, orderWorkflowId, reconcileScheduleId, shipmentSweepScheduleId, voidSweepScheduleId } from '../../src/contract';
import { listOrderRuns, orderQuery, queryStatus } from '../../src/ops/order-visibility';
import { freePort } from '../../src/util/free-port';
import { WorkerProcess, waitFor } from '../../stack-kit';
import { connectDevServer, type DevServerHandles } from '../support/temporal';
import { simulatorWorkerEnv } from '../support/worker-env';

/**
 * Two worker processes on one ShipStation key and one task queue, under the fault drill's mix (20% of UltraCart
 * calls faulted, ShipStation 5xx, delays, 429s and bursts of them, webhooks dropped and duplicated), with the
 * key's limit on: each process has its own coalescer and rate gate, spending its share of each window (the
 * processes polling the ShipStation queue split the key's budget). Read from the simulators: every order once in ShipStation, acknowledged and written
 * back, every workflow completed, both processes doing the orders' work. (Whether their combined calls stay
 * within the limit is measured by the bench's two-worker row, not asserted here: see docs/batching.md.)
 */

const MERCHANT = `TWO${process.pid % 10000}`;
const ORDERS = 60;
/** The key's limit, in a short window so the test sees several. */
const LIMIT = 40;
const WINDOW_MS = 6000;

let temporal: DevServerHandles;
let sims: Simulators;
const workers: WorkerProcess[] = [];
let dir: string;

beforeAll(async () => {
  temporal = await connectDevServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-two-workers-'));
  sims = await startSimulators({ ultracart: { merchantId: MERCHANT }, shipstation: { rateLimitPerMinute: LIMIT, rateLimitWindowMs: WINDOW_MS, webhookDelayMs: 50 } });
  for (const name of ['a', 'b']) {
    const httpPort = await freePort();
    workers.push(
      new WorkerProcess({
        cwd: dir,
        logFile: path.join(dir, `worker-${name}.log`),
        env: simulatorWorkerEnv({ sims, merchantId: MERCHANT, taskQueue: `two-workers-${MERCHANT}`, httpPort, dir }, {
          PUBLIC_URL: `http://127.0.0.1:${httpPort}`,
          WEBHOOK_SECRET: 'two-workers-webhook-secret',
          // What each process believes the key allows; the server's headers say what is left of it.
          SHIPSTATION_RATE_LIMIT_PER_MINUTE: String((LIMIT * 60_000) / WINDOW_MS),
          // The drill's timeouts, so its 3 s delays are timeouts here too.
          ULTRACART_TIMEOUT_MS: '2000',
          SHIPSTATION_TIMEOUT_MS: '2000',
          INGEST_INTERVAL: '2s',
          SHIPMENT_POLL_INTERVAL: '20s',
          SHIPMENT_WATCH_PERIOD: '2s',
          VOID_SWEEP_INTERVAL: '1h',
          SHIPMENT_SWEEP_INTERVAL: '1h',
        }),
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  for (const w of workers) await w.stop();
  for (const id of [ingestScheduleId, voidSweepScheduleId, shipmentSweepScheduleId, reconcileScheduleId].map((scheduleId) => scheduleId(MERCHANT, 'DFLT'))) {
    await temporal?.client.schedule.getHandle(id).delete().catch(() => undefined);
  }
  await sims?.close();
  await temporal?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The sum of a worker process's samples of `metric` (its /metrics), every label together. */
async function metricSum(worker: WorkerProcess, metric: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${worker.opts.env.HTTP_PORT}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${metric} `) || line.startsWith(`${metric}{`))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
/** Orders and shipments a worker process sent in batched calls, every operation together. */
const batchedItems = (worker: WorkerProcess) => metricSum(worker, 'ucship_batch_size_sum');
const completed = async () => (await temporal.client.workflow.count(`WorkflowType = "orderWorkflow" AND UltraCartMerchantId = "${MERCHANT}" AND ExecutionStatus = "Completed"`)).count;

/**
 * The orders still running, each with its own account (stage, reason, last error) and its lines from both
 * workers' logs: what a failed wait needs to be understood from the CI output alone.
 */
async function stillRunning(): Promise<string> {
  const runs = await listOrderRuns(temporal.client, orderQuery(MERCHANT, 'ExecutionStatus = "Running"'));
  const lines = await Promise.all(
    runs.map(async (run) => {
      const status = await queryStatus(temporal.client, run.workflowId, run.runId);
      const orderId = run.workflowId.slice(orderWorkflowId(MERCHANT, '').length);
      const logged = workers.flatMap((w) => (w.opts.logFile && fs.existsSync(w.opts.logFile) ? fs.readFileSync(w.opts.logFile, 'utf8').split('\n') : []).filter((l) => l.includes(orderId)));
      return [`${run.workflowId}: ${JSON.stringify(status)}`, ...logged.slice(-15).map((l) => `    ${l.slice(0, 400)}`)].join('\n');
    }),
  );
  return lines.join('\n');
}

it('2 worker processes on one key under the fault mix: 0 duplicates, every order acknowledged, written back and completed', async () => {
  const world = { ssAdmin: sims.ssAdmin, ucAdmin: sims.ucAdmin, merchantId: MERCHANT };
  await Promise.all(workers.map((w) => w.start()));
  await sims.ssAdmin.autoship(300);
  const faults = startFaultMix(sims);
  await faults.ready;
  const orders = generateDemoOrders(ORDERS, 11, { merchantId: MERCHANT, idPrefix: 'W', includeUnshippable: false }) as Array<{ order_id: string }>;
  const ids = orders.map((o) => o.order_id);
  await sims.ucAdmin.postOrders(orders);

  try {
    // As in the drill, the full mix stays on while the orders go through (at most 90 s), then every fault stops.
    // A straggler's next attempt then comes within its policy's longest backoff (2 min for ShipStation, 1 min
    // for UltraCart) and succeeds, so the waits below are bounded by the retry policies. With ShipStation's
    // faults left on, a poll that failed several times in a row could back off past them.
    const withFaults = await waitForInvariants(world, ids, Date.now() + 90_000);
    await faults.stopBursts();
    await Promise.all([sims.ucAdmin.clearFaults(), sims.ssAdmin.clearFaults()]);
    const { tally } = withFaults.heldAt !== undefined ? withFaults : await waitForInvariants(world, ids, Date.now() + 180_000);
    expect(tally.problems).toEqual([]);
    expect(holds(tally)).toBe(true);
    await waitFor('every order workflow completed', async () => ({ done: (await completed()) >= ORDERS, progress: `${await completed()}/${ORDERS}` }), { timeoutMs: 120_000 }).catch(async (err: Error) => {
      throw new Error(`${err.message}; still running:\n${await stillRunning()}`);
    });
  } finally {
    await faults.stopBursts();
  }

  // 0 duplicates: one ShipStation order per orderKey, for exactly these orders.
  const keys = (await sims.ssAdmin.orders()).orders.map((o) => o.orderKey);
  expect(keys.sort()).toEqual(ids.map((id) => orderKeyOf(MERCHANT, id)).sort());
  // Both processes lived through it and both did the orders' work (batched calls of their own).
  expect(workers.every((w) => w.alive())).toBe(true);
  const perWorker = await Promise.all(workers.map(batchedItems));
  expect(perWorker.every((n) => n > 0)).toBe(true);
  // Each counts the other on the key, so each spent only its share of a window.
  expect(await Promise.all(workers.map((w) => metricSum(w, 'ucship_shipstation_worker_processes')))).toEqual([2, 2]);
}, 420_000);
