import { generateDemoOrders } from '../sandbox/demo-orders';
import { mapOrder } from '../src/mapping';
import { createShipStationClient } from '../src/shipstation/client';
import { pacificToEpochMs } from '../src/shipstation/pacific-time';
import { createUltraCartClient } from '../src/ultracart/soap/client';
import { loadConfig } from '../src/config';
import { orderWorkflowId, parseOrderKey } from '../src/contract';
import { sleep, waitFor } from '../stack-kit';
import { startBenchStack, type BenchStack } from './stack';
import { quantile, round } from './stats';

export type Log = (line: string) => void;
const MERCHANT = 'DEMO';

const ssStats = (s: BenchStack) => s.ssAdmin.stats();
const writtenBack = async (s: BenchStack) => (await s.ucAdmin.stats()).calls.shippedWithDetails ?? 0;

/** Demo orders that can all ship (no deliberately broken addresses), ids `<prefix><n>`. */
async function queueOrders(s: BenchStack, count: number, prefix: string): Promise<number> {
  const orders = generateDemoOrders(count, 1, { merchantId: MERCHANT, idPrefix: prefix, includeUnshippable: false });
  for (let i = 0; i < orders.length; i += 500) await s.ucAdmin.postOrders(orders.slice(i, i + 500));
  return Date.now();
}


/** Per order of a prefix: when it reached ShipStation, when its label was bought (simulator clocks, ms). */
async function shipStationTimes(s: BenchStack, prefix: string) {
  const { orders } = await s.ssAdmin.orders();
  const { shipments } = await s.ssAdmin.shipments();
  const mine = orders.flatMap((o) => {
    const key = parseOrderKey(o.orderKey);
    return key?.merchantId === MERCHANT && key.orderId.startsWith(prefix) ? [{ ...o, ucOrderId: key.orderId }] : [];
  });
  const label = new Map(shipments.map((sh) => [sh.orderId, pacificToEpochMs(sh.createDate)]));
  return mine.map((o) => ({ ucOrderId: o.ucOrderId, created: pacificToEpochMs(o.createDate), label: label.get(o.orderId) }));
}

// ---------------------------------------------------------------------------------------------------------------
// 2 + 3. Rate limit off: end-to-end throughput, latencies, a naive loop for comparison, history per order
// ---------------------------------------------------------------------------------------------------------------

export interface ThroughputOptions {
  orders: number;
  historySample: number;
  /** false: PAYLOAD_ENCRYPTION=off (the encryption row's baseline). */
  encryption?: boolean;
  log: Log;
}

/** No Temporal: read the UltraCart batch, then fetch, map, create in ShipStation and acknowledge one by one. */
async function naiveLoop(s: BenchStack, count: number) {
  const config = loadConfig({ SANDBOX_ULTRACART_PORT: String(s.uc.port), SANDBOX_SHIPSTATION_PORT: String(s.ss.port), SHIPSTATION_RATE_LIMIT_PER_MINUTE: '0' });
  const uc = await createUltraCartClient(config.ultracart);
  const ss = createShipStationClient(config.shipstation);
  await queueOrders(s, count, 'N');
  const started = Date.now();
  let done = 0;
  for (;;) {
    const batch = await uc.getOrders();
    if (batch.length === 0) break;
    for (const { orderId } of batch) {
      const order = await uc.getOrder(orderId);
      await ss.createOrder(mapOrder(order, { merchantId: MERCHANT, storeId: config.shipstation.storeId }));
      await uc.acknowledgeOrders([orderId]);
      done += 1;
    }
  }
  const ms = Date.now() - started;
  return { orders: done, ms, ordersPerSecond: round((done * 1000) / ms) };
}

export async function throughputScenario(o: ThroughputOptions) {
  const prefix = 'B';
  o.log(`throughput: ${o.orders} orders, rate limit off${o.encryption === false ? ', payload encryption off' : ''}`);
  const s = await startBenchStack({
    encryption: o.encryption,
    rateLimit: 0,
    rateWindowMs: 60_000,
    log: o.log,
    workerEnv: { SHIPSTATION_RATE_LIMIT_PER_MINUTE: '0', INGEST_INTERVAL: '1s', SHIPMENT_POLL_INTERVAL: '6h', SHIPMENT_WATCH_PERIOD: '2s' },
  });
  try {
    // The naive loop first, over the same simulators, before the product's ingest is running.
    const naive = await naiveLoop(s, o.orders);
    o.log(`  naive loop: ${naive.orders} orders in ${naive.ms} ms (${naive.ordersPerSecond}/s)`);
    await s.worker.start();
    await s.ssAdmin.autoship(0, 500);
    const base = await ssStats(s);
    const baseWb = await writtenBack(s);
    const queuedAt = await queueOrders(s, o.orders, prefix);
    await waitFor('throughput', async () => {
      const wb = (await writtenBack(s)) - baseWb;
      return { done: wb >= o.orders, progress: `${wb}/${o.orders} written back` };
    }, { timeoutMs: 1_800_000, everyMs: 500, log: o.log, logEveryMs: 15_000 });
    const end = await ssStats(s);
    const ss = await shipStationTimes(s, prefix);
    const uc = await Promise.all(
      ss.map(async (x) => {
        const view = await s.ucAdmin.order(x.ucOrderId);
        return { ...x, written: Math.min(...view.shipments.map((sh) => Date.parse(sh.received_at))) };
      }),
    );
    const lastWritten = Math.max(...uc.map((x) => x.written));
    const toSs = uc.map((x) => x.created - queuedAt).sort((a, b) => a - b);
    const labelToWb = uc.filter((x) => x.label !== undefined).map((x) => x.written - (x.label as number)).sort((a, b) => a - b);
    const e2eMs = lastWritten - queuedAt;
    const imported = Math.max(...uc.map((x) => x.created)) - queuedAt;
    const productImportRate = (o.orders * 1000) / imported;
    const requests = end.total - base.total;

    const history = await historyPerOrder(s, uc.map((x) => x.ucOrderId), o.historySample, o.log);
    return {
      throughput: {
        orders: o.orders,
        ingestInterval: '1s',
        labelBatchEveryMs: 500,
        endToEndMs: e2eMs,
        ordersPerSecondEndToEnd: round((o.orders * 1000) / e2eMs),
        ordersPerSecondIntoShipStation: round(productImportRate),
        queuedToInShipStationMs: { p50: quantile(toSs, 0.5), p95: quantile(toSs, 0.95) },
        labelToWrittenBackMs: { p50: quantile(labelToWb, 0.5), p95: quantile(labelToWb, 0.95) },
        shipStationRequests: requests,
        callsPerOrder: round(requests / o.orders, 3),
        naive,
        ratioToNaive: round(productImportRate / naive.ordersPerSecond, 3),
      },
      history,
    };
  } finally {
    await s.stop();
  }
}

async function historyPerOrder(s: BenchStack, ucOrderIds: string[], sample: number, log: Log) {
  const ids = ucOrderIds.slice(0, sample).map((id) => orderWorkflowId(MERCHANT, id));
  // Each order stays open for SHIPMENT_WATCH_PERIOD (2 s here) after writing back.
  await waitFor('history', async () => {
    const open = (await Promise.all(ids.map(async (id) => (await s.client.workflow.getHandle(id).describe()).status.name))).filter((st) => st !== 'COMPLETED');
    return { done: open.length === 0, progress: `${open.length} of ${ids.length} sampled workflows still open` };
  }, { timeoutMs: 120_000, everyMs: 500, log, logEveryMs: 15_000 });
  const counts = await Promise.all(
    ids.map(async (id) => {
      const h = await s.client.workflow.getHandle(id).fetchHistory();
      const events = h.events ?? [];
      const has = (field: string) => events.filter((e) => (e as Record<string, unknown>)[field] != null).length;
      return { events: events.length, activities: has('activityTaskScheduledEventAttributes'), localActivities: has('markerRecordedEventAttributes'), signals: has('workflowExecutionSignaledEventAttributes') };
    }),
  );
  const avg = (k: keyof (typeof counts)[number]) => round(counts.reduce((a, c) => a + c[k], 0) / counts.length, 1);
  return {
    sampledOrders: counts.length,
    eventsPerOrder: avg('events'),
    eventsPerOrderMax: Math.max(...counts.map((c) => c.events)),
    activitiesPerOrder: avg('activities'),
    localActivitiesPerOrder: avg('localActivities'),
    signalsPerOrder: avg('signals'),
    watchPeriod: '2s',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Worker memory with orders awaiting shipment
// ---------------------------------------------------------------------------------------------------------------

export async function memoryScenario(o: { orders: number; log: Log }) {
  o.log(`memory: ${o.orders} orders awaiting shipment (no labels), rate limit off`);
  const s = await startBenchStack({
    rateLimit: 0,
    rateWindowMs: 60_000,
    log: o.log,
    workerEnv: { SHIPSTATION_RATE_LIMIT_PER_MINUTE: '0', INGEST_INTERVAL: '1s', SHIPMENT_POLL_INTERVAL: '6h' },
  });
  try {
    await s.worker.start();
    await sleep(5000);
    const idleRss = s.workerRss();
    let peak = idleRss;
    const queuedAt = await queueOrders(s, o.orders, 'M');
    await waitFor('memory', async () => {
      peak = Math.max(peak, s.workerRss());
      const st = await ssStats(s);
      return { done: st.orders >= o.orders, progress: `${st.orders}/${o.orders} awaiting shipment, worker RSS ${Math.round(s.workerRss() / 2 ** 20)} MB` };
    }, { timeoutMs: 1_800_000, everyMs: 500, log: o.log, logEveryMs: 15_000 });
    const allInMs = Date.now() - queuedAt;
    // Let the last activities (acknowledge) finish and the workflows settle into their wait.
    for (let i = 0; i < 20; i += 1) {
      peak = Math.max(peak, s.workerRss());
      await sleep(500);
    }
    const settled = s.workerRss();
    const mb = (b: number) => round(b / 2 ** 20, 1);
    return { orders: o.orders, allAwaitingShipmentAfterMs: allInMs, workerRssIdleMb: mb(idleRss), workerRssMb: mb(settled), workerRssPeakMb: mb(Math.max(peak, settled)) };
  } finally {
    await s.stop();
  }
}
