import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScenarioEnv } from '../../drill/env';
import { generateDemoOrders } from '../../sandbox/demo-orders';
import { OrderStageKey, orderKeyOf, orderWorkflowId } from '../../src/contract';
import { connectDevServer, devServerAddress, type DevServerHandles } from '../support/temporal';

/**
 * A worker process SIGKILLed after its createorders call reached ShipStation and before the results reached the
 * orders: ShipStation made the orders, nobody heard. The next worker retries the upserts (orderKey upserts):
 * nothing is duplicated and every order goes on.
 */

let temporal: DevServerHandles;
let env: ScenarioEnv;
let dir: string;

beforeAll(async () => {
  temporal = await connectDevServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-batch-kill-'));
  env = new ScenarioEnv({
    name: 'batchkill',
    dir,
    temporal: { address: devServerAddress(), client: temporal.client },
    // One batch for all: the orders are imported well within the linger.
    workerEnv: { BATCH_LINGER: '3s', INGEST_INTERVAL: '2s', SHIPMENT_POLL_INTERVAL: '1h' },
  });
  await env.startSimulators();
}, 60_000);

afterAll(async () => {
  await env?.close();
  await temporal?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ORDERS = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await sleep(200);
  }
}

const stage = async (orderId: string) => (await temporal.client.workflow.getHandle(orderWorkflowId(env.merchantId, orderId)).describe()).typedSearchAttributes.get(OrderStageKey);
const createOrdersCalls = async () => ((await env.ssStats()) as unknown as { requests: Record<string, number> }).requests['POST /orders/createorders'] ?? 0;

it('SIGKILL between the createorders call and its results: 0 duplicates in ShipStation, every order completes', async () => {
  const orders = generateDemoOrders(ORDERS, 7, { merchantId: env.merchantId, idPrefix: 'K', includeUnshippable: false }) as Array<{ order_id: string }>;
  const ids = orders.map((o) => o.order_id);
  // ShipStation takes the first batch call, makes the orders, and answers only after 4 s.
  await env.ssFault({ route: 'POST /orders/createorders', mode: 'delay', delay_ms: 4000, count: 1 });
  await env.startWorker();
  await env.postOrders(orders);

  await until('the batch call reached ShipStation', async () => (await createOrdersCalls()) >= 1);
  await env.killWorker();
  // ShipStation still carries out the call the dead worker made (all the batch's orders in one go).
  await until('ShipStation made the orders of the batch', async () => (await env.ssOrders()).orders.length > 0, 30_000);
  const made = (await env.ssOrders()).orders.map((o) => o.orderKey);
  const unheard = await Promise.all(ids.filter((id) => made.includes(orderKeyOf(env.merchantId, id))).map(stage));
  expect(unheard.length).toBe(made.length);
  expect(unheard.every((s) => s === 'importing')).toBe(true);

  await env.startWorker();
  await until('every order past its upsert', async () => (await Promise.all(ids.map(stage))).every((s) => s === 'awaiting_shipment'));

  const keys = (await env.ssOrders()).orders.map((o) => o.orderKey);
  expect(keys.sort()).toEqual(ids.map((id) => orderKeyOf(env.merchantId, id)).sort());
  expect(await createOrdersCalls()).toBeGreaterThanOrEqual(2);
  for (const id of ids) expect((await env.ucOrder(id)).imported).toBe(true);
}, 240_000);
