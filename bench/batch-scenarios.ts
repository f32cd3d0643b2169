import { readFileSync, readdirSync } from 'node:fs';
import { generateDemoOrders } from '../sandbox/demo-orders';
import { ingestScheduleId, parseOrderKey } from '../src/contract';
import { pacificToEpochMs } from '../src/shipstation/pacific-time';
import { freePort } from '../src/util/free-port';
import { WorkerProcess, sleep, waitFor, type PrivateStack, startPrivateStack } from '../stack-kit';
import { ingestCycles, stageTimings } from './stage-timings';
import { quantile, round } from './stats';

/**
 * The batching rows of the bench (docs/batching.md): a backlog drained at the real ShipStation limit with one or
 * two worker processes on one key, UltraCart calls per order per transport, a lone order's latency, and the
 * limit-off throughput with the CPU each process spent.
 */

export type Log = (line: string) => void;
const MERCHANT = 'DEMO';
const LIMIT = 40;
const delta = (end: Record<string, number>, base: Record<string, number>) => Object.fromEntries(Object.entries(end).map(([k, v]) => [k, v - (base[k] ?? 0)]).filter(([, v]) => v !== 0));
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

interface StackSettings {
  rateLimit: number;
  windowMs: number;
  workers: number;
  transport: 'soap' | 'rest';
  workerEnv: Record<string, string>;
  log: Log;
}

/** The private stack with `workers` worker processes on the same key, task queue and Temporal. */
async function startStack(o: StackSettings) {
  const onLine = (line: string) => {
    if (!line.startsWith('  ') && line.trim() !== '') o.log(`  [worker] ${line.slice(0, 300)}`);
  };
  const stack = await startPrivateStack({
    mode: 'sandbox',
    taskQueue: 'bench',
    simulators: { shipstation: { rateLimitPerMinute: o.rateLimit, rateLimitWindowMs: o.windowMs, webhookDelayMs: 50 } },
    workerEnv: {
      ULTRACART_TRANSPORT: o.transport,
      // The production defaults: the sandbox's 30 s sweep and 30 s polls would spend the budget on nothing.
      VOID_SWEEP_INTERVAL: '1h',
      SHIPMENT_SWEEP_INTERVAL: '30m',
      SHIPMENT_POLL_INTERVAL: '6h',
      SHIPMENT_WATCH_PERIOD: '2s',
      ...o.workerEnv,
    },
    onLine,
  });
  const extra: WorkerProcess[] = [];
  for (let i = 1; i < o.workers; i += 1) extra.push(new WorkerProcess({ env: stack.workerEnv({ HTTP_PORT: String(await freePort()) }), onLine }));
  const workers = [stack.worker, ...extra];
  return {
    stack,
    workers,
    async start() {
      for (const w of workers) await w.start();
    },
    async stop() {
      for (const w of extra) await w.stop();
      await stack.stop();
    },
  };
}

async function queueOrders(s: PrivateStack, count: number, prefix: string): Promise<number> {
  const orders = generateDemoOrders(count, 1, { merchantId: MERCHANT, idPrefix: prefix, includeUnshippable: false });
  for (let i = 0; i < orders.length; i += 500) await s.ucAdmin.postOrders(orders.slice(i, i + 500));
  return Date.now();
}

/** When each order of `prefix` reached ShipStation (simulator clock, ms). */
async function createdTimes(s: PrivateStack, prefix: string): Promise<number[]> {
  const { orders } = await s.ssAdmin.orders();
  return orders
    .filter((o) => parseOrderKey(o.orderKey)?.orderId.startsWith(prefix))
    .map((o) => pacificToEpochMs(o.createDate))
    .sort((a, b) => a - b);
}

const completedOrders = async (s: PrivateStack) => (await s.client.workflow.count('WorkflowType = "orderWorkflow" AND ExecutionStatus = "Completed"')).count;
/** Orders written back, still watching (the production watch) or done. */
const writtenBackOrders = async (s: PrivateStack) => (await s.client.workflow.count('WorkflowType = "orderWorkflow" AND OrderStage = "written_back"')).count;

// ---------------------------------------------------------------------------------------------------------------
// A backlog at the limit: one or two worker processes on one key
// ---------------------------------------------------------------------------------------------------------------

export interface DrainOptions {
  orders: number;
  /** The ShipStation simulator's window for 40 requests (60 s: the real limit). */
  windowMs: number;
  workers: number;
  transport: 'soap' | 'rest';
  /** Every UltraCart call answered this late (a delay fault on the simulator), 0 for none. */
  ultracartDelayMs: number;
  log: Log;
}

export async function drainScenario(o: DrainOptions) {
  const perMinute = Math.round((LIMIT * 60_000) / o.windowMs);
  // The production INGEST_INTERVAL (1 minute) at the real window, scaled with it otherwise.
  const ingestIntervalMs = o.windowMs;
  const prefix = 'D';
  o.log(`drain: ${o.orders} orders, ${o.workers} worker process(es), ${o.transport}, ${LIMIT} requests per ${o.windowMs / 1000} s, INGEST_INTERVAL ${ingestIntervalMs / 1000} s`);
  const env = await startStack({
    rateLimit: LIMIT,
    windowMs: o.windowMs,
    workers: o.workers,
    transport: o.transport,
    log: o.log,
    // The production watch (3 days): a written-back order waits on, as it would, instead of a timer task per
    // order that only a short test watch would add while the backlog drains.
    workerEnv: { SHIPSTATION_RATE_LIMIT_PER_MINUTE: String(perMinute), INGEST_INTERVAL: `${ingestIntervalMs}ms`, SHIPMENT_WATCH_PERIOD: '3d' },
  });
  const s = env.stack;
  try {
    await env.start();
    if (o.ultracartDelayMs > 0) await s.ucAdmin.addFault({ mode: 'delay', delay_ms: o.ultracartDelayMs });
    // Labels are bought in batches, one per window (ShipStation users buy labels in batches): one SHIP_NOTIFY each.
    await s.ssAdmin.autoship(0, o.windowMs);
    await sleep(Math.min(o.windowMs, 10_000)); // the webhook subscriptions settle before anything is counted
    const [ssBase, ucBase] = await Promise.all([s.ssAdmin.stats(), s.ucAdmin.stats()]);
    const queuedAt = await queueOrders(s, o.orders, prefix);
    // What `ucship ingest --now` does: the drain is measured, not the wait for the Schedule's next tick.
    await s.client.schedule.getHandle(ingestScheduleId(MERCHANT, 'DFLT')).trigger();
    const samples: Array<{ t: number; total: number; rateLimited: number }> = [];
    await waitFor(
      'drain',
      async () => {
        const [st, done] = await Promise.all([s.ssAdmin.stats(), writtenBackOrders(s)]);
        samples.push({ t: Date.now(), total: st.total - ssBase.total, rateLimited: st.rateLimited - ssBase.rateLimited });
        return { done: done >= o.orders, progress: `${st.orders} in ShipStation, ${done} written back, ${st.total - ssBase.total} requests, ${st.rateLimited - ssBase.rateLimited} 429s` };
      },
      { timeoutMs: Math.max(900_000, (o.orders * 1.5 * o.windowMs) / LIMIT), everyMs: 500, log: o.log, logEveryMs: 15_000 },
    );
    const allWrittenBackAt = Date.now();
    const [ssEnd, ucEnd] = await Promise.all([s.ssAdmin.stats(), s.ucAdmin.stats()]);
    const times = await createdTimes(s, prefix);
    const first = times[0];
    const last = times[times.length - 1];
    const drainMs = last - first;
    const requests = ssEnd.total - ssBase.total;
    // The most requests any window's length held, over the samples (an upper bound on each fixed window).
    let maxPerWindow = 0;
    for (const a of samples) for (const b of samples) if (b.t > a.t && b.t - a.t <= o.windowMs) maxPerWindow = Math.max(maxPerWindow, b.total - a.total);
    const inFirstWindow = samples.filter((x) => x.t <= first + o.windowMs).pop()?.rateLimited ?? 0;
    const total429 = ssEnd.rateLimited - ssBase.rateLimited;
    const ucCalls = delta(ucEnd.calls, ucBase.calls);
    return {
      orders: o.orders,
      workers: o.workers,
      transport: o.transport,
      limit: `${LIMIT} requests per ${o.windowMs / 1000} s`,
      windowMs: o.windowMs,
      scaled: o.windowMs !== 60_000,
      ingestIntervalMs,
      queuedToFirstInShipStationMs: first - queuedAt,
      queuedToAllInShipStationMs: last - queuedAt,
      queuedToAllWrittenBackMs: allWrittenBackAt - queuedAt,
      ultracartDelayMs: o.ultracartDelayMs,
      drainMs,
      ordersPerMinute: round(((times.length - 1) * 60_000) / drainMs, 1),
      /** Per window of the limit (the real minute, or the scaled window). */
      ordersPerWindow: round(((times.length - 1) * o.windowMs) / drainMs, 1),
      shipStationRequests: requests,
      shipStationRequestsByRoute: delta(ssEnd.requests, ssBase.requests),
      shipStationCallsPerOrder: round(requests / o.orders, 4),
      maxRequestsInAWindow: maxPerWindow,
      rateLimited429: total429,
      rateLimited429AfterFirstWindow: total429 - inFirstWindow,
      ultraCartCalls: ucCalls,
      ultraCartCallsPerOrder: round(sum(ucCalls) / o.orders, 4),
    };
  } finally {
    await env.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A lone order's latency
// ---------------------------------------------------------------------------------------------------------------

export interface LatencyOptions {
  samples: number;
  ingestIntervalMs: number;
  lingerMs: number;
  log: Log;
}

/** One order at a time, at a random moment of the ingest interval: queued → in ShipStation. */
export async function latencyScenario(o: LatencyOptions) {
  o.log(`latency: ${o.samples} lone orders, INGEST_INTERVAL ${o.ingestIntervalMs / 1000} s, BATCH_LINGER ${o.lingerMs} ms, ShipStation at ${LIMIT} per 60 s`);
  const env = await startStack({
    rateLimit: LIMIT,
    windowMs: 60_000,
    workers: 1,
    transport: 'soap',
    log: o.log,
    workerEnv: { INGEST_INTERVAL: `${o.ingestIntervalMs}ms`, BATCH_LINGER: `${o.lingerMs}ms` },
  });
  const s = env.stack;
  const latencies: number[] = [];
  try {
    await env.start();
    for (let i = 0; i < o.samples; i += 1) {
      await sleep(Math.random() * o.ingestIntervalMs);
      const prefix = `L${i}-`;
      const queuedAt = await queueOrders(s, 1, prefix);
      await waitFor('lone order', async () => (await createdTimes(s, prefix)).length === 1, { timeoutMs: 120_000, everyMs: 100 });
      latencies.push((await createdTimes(s, prefix))[0] - queuedAt);
    }
  } finally {
    await env.stop();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const boundMs = o.ingestIntervalMs + o.lingerMs + 2000;
  return { samples: o.samples, ingestIntervalMs: o.ingestIntervalMs, lingerMs: o.lingerMs, latencyMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1] }, boundMs };
}

// ---------------------------------------------------------------------------------------------------------------
// Limit off: end-to-end throughput and where the CPU went
// ---------------------------------------------------------------------------------------------------------------

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The pid of the `temporal server start-dev` listening on `port` (the private server of this stack). */
function devServerPid(port: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.includes('start-dev') && argv.includes(String(port))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** Histories read for the per-phase figures (each a request to the server, after the run). */
const STAGE_SAMPLE = 200;

export async function profileScenario(o: { orders: number; transport: 'soap' | 'rest'; log: Log }) {
  o.log(`profile: ${o.orders} orders, rate limit off, ${o.transport}`);
  const env = await startStack({ rateLimit: 0, windowMs: 60_000, workers: 1, transport: o.transport, log: o.log, workerEnv: { SHIPSTATION_RATE_LIMIT_PER_MINUTE: '0', INGEST_INTERVAL: '1s' } });
  const s = env.stack;
  try {
    await env.start();
    await s.ssAdmin.autoship(0, 500);
    const pids = { worker: s.worker.child?.pid as number, temporal: devServerPid(s.temporal.port), bench: process.pid };
    const cpuBefore: Record<string, number> = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid === undefined ? NaN : cpuSeconds(pid)]));
    const [ssBase, ucBase] = await Promise.all([s.ssAdmin.stats(), s.ucAdmin.stats()]);
    const queuedAt = await queueOrders(s, o.orders, 'P');
    await waitFor('profile', async () => ({ done: (await completedOrders(s)) >= o.orders, progress: `${await completedOrders(s)}/${o.orders} done` }), { timeoutMs: 1_800_000, everyMs: 500, log: o.log });
    const elapsedMs = Date.now() - queuedAt;
    const spent = (k: keyof typeof pids) => (pids[k] === undefined ? NaN : round(cpuSeconds(pids[k] as number) - cpuBefore[k], 1));
    const cpu = { worker: spent('worker'), temporal: spent('temporal'), bench: spent('bench') };
    const times = await createdTimes(s, 'P');
    const [ssEnd, ucEnd] = await Promise.all([s.ssAdmin.stats(), s.ucAdmin.stats()]);
    const stages = await stageTimings(s.client, 'WorkflowType = "orderWorkflow" AND ExecutionStatus = "Completed"', queuedAt, STAGE_SAMPLE);
    const ingest = await ingestCycles(s.client);
    return {
      orders: o.orders,
      transport: o.transport,
      /** Queued → every workflow completed (written back, then SHIPMENT_WATCH_PERIOD 2 s). */
      endToEndMs: elapsedMs,
      ordersPerSecondEndToEnd: round((o.orders * 1000) / elapsedMs),
      queuedToAllInShipStationMs: times[times.length - 1] - queuedAt,
      cpuSeconds: { ...cpu, wall: round(elapsedMs / 1000, 1) },
      cpuMsPerOrder: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round((v / o.orders) * 1000, 2)])),
      shipStationRequests: ssEnd.total - ssBase.total,
      ultraCartCalls: delta(ucEnd.calls, ucBase.calls),
      /** Where an order's time went, phase by phase, from a sample of histories (ms; waiting apart from running). */
      stages,
      /** The ingest's turn per UltraCart batch (mean ms): reading and starting, waiting for the acknowledgements. */
      ingest,
    };
  } finally {
    await env.stop();
  }
}
