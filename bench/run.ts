import type { BenchRow } from './rows';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encryptionScenario } from './encryption';
import { drainScenario, latencyScenario, profileScenario } from './batch-scenarios';
import { memoryScenario, throughputScenario, type Log } from './scenarios';
import { cpuLoopMs } from './machine-speed';

/** `ucship bench` (= `npm run bench`): the four measurements over real servers, JSON plus a printed table. */

export interface BenchOptions {
  /** Backlog under the rate limit: 40 requests per `windowMs` (60 s is the real limit; less scales time for quick runs). */
  orders: number;
  windowMs: number;
  /** Rate limit off: end-to-end throughput and the naive loop. */
  rateOrders: number;
  historySample: number;
  memoryOrders: number;
  /** End-to-end throughput with payload encryption on vs off (two more stacks). */
  encryptionOrders: number;
  /** Lone orders queued one at a time (INGEST_INTERVAL 10 s). */
  latencySamples: number;
  /** Rate limit off, with the CPU each process spent. */
  profileOrders: number;
  /** How late the UltraCart simulator answers every call in the backlog rows (0: at once; a real API takes 100s of ms). */
  ultracartDelayMs?: number;
  out?: string;
  only?: BenchRow[];
}

export const FULL: BenchOptions = { orders: 2000, windowMs: 60_000, rateOrders: 1000, historySample: 50, memoryOrders: 5000, encryptionOrders: 1000, latencySamples: 10, profileOrders: 1000 };
export const QUICK: BenchOptions = { orders: 200, windowMs: 3000, rateOrders: 300, historySample: 20, memoryOrders: 1000, encryptionOrders: 200, latencySamples: 4, profileOrders: 200 };

/** The one-call-per-order figures these goals are set against (bench/results/2026-11-27-*.json). */
const BEFORE = { ordersPerMinute: 39.4, ordersPerSecondEndToEnd: 12.32 };
const GOALS = {
  encryptionRatio: 0.9,
  drainMinutes: 3,
  ordersPerMinute: 650,
  rateLimited429AfterFirstWindow: 0,
  shipStationCallsPerOrder: 0.03,
  ultraCartCallsPerOrder: 0.05,
  requestsPerWindow: 40,
  profileRatio: 1.6,
  eventsPerOrder: 40,
  workerRssMb: 300,
};
const LATENCY_INGEST_INTERVAL_MS = 10_000;
const LATENCY_LINGER_MS = 1000;

export async function runBench(opts: BenchOptions, log: Log = (l) => console.log(l)): Promise<{ file: string; table: string }> {
  const want = (name: BenchRow) => !opts.only || opts.only.includes(name);
  const startedAt = new Date();
  const loopAtStart = cpuLoopMs();
  const results: Record<string, unknown> = {};
  const drain = (workers: number, transport: 'soap' | 'rest') => drainScenario({ orders: opts.orders, windowMs: opts.windowMs, workers, transport, ultracartDelayMs: opts.ultracartDelayMs ?? 0, log });
  if (want('backlog')) results.backlog = await drain(1, 'soap');
  if (want('backlog2')) results.backlog2 = await drain(2, 'soap');
  if (want('ultracart')) results.ultracart = await drain(1, 'rest');
  if (want('latency')) results.latency = await latencyScenario({ samples: opts.latencySamples, ingestIntervalMs: LATENCY_INGEST_INTERVAL_MS, lingerMs: LATENCY_LINGER_MS, log });
  if (want('profile')) results.profile = await profileScenario({ orders: opts.profileOrders, transport: 'soap', log });
  if (want('throughput')) {
    const t = await throughputScenario({ orders: opts.rateOrders, historySample: opts.historySample, log });
    results.throughput = t.throughput;
    results.history = t.history;
  }
  if (want('memory')) results.memory = await memoryScenario({ orders: opts.memoryOrders, log });
  if (want('encryption')) results.encryption = await encryptionScenario({ orders: opts.encryptionOrders, log });

  type Drain = Awaited<ReturnType<typeof drainScenario>>;
  type Throughput = Awaited<ReturnType<typeof throughputScenario>>;
  type Memory = Awaited<ReturnType<typeof memoryScenario>>;
  const b = results.backlog as Drain | undefined;
  const b2 = results.backlog2 as Drain | undefined;
  const u = results.ultracart as Drain | undefined;
  const l = results.latency as Awaited<ReturnType<typeof latencyScenario>> | undefined;
  const p = results.profile as Awaited<ReturnType<typeof profileScenario>> | undefined;
  const t = results.throughput as Throughput['throughput'] | undefined;
  const h = results.history as Throughput['history'] | undefined;
  const m = results.memory as Memory | undefined;
  const e = results.encryption as Awaited<ReturnType<typeof encryptionScenario>> | undefined;
  const goals: Array<{ what: string; goal: string; value: number | undefined; pass: boolean | undefined }> = [];
  const goal = (what: string, text: string, value: number | undefined, ok: (v: number) => boolean) =>
    goals.push({ what, goal: text, value, pass: value === undefined ? undefined : ok(value) });
  if (b) {
    goal('backlog: minutes from the first order in ShipStation to the last', `<= ${GOALS.drainMinutes} (scaled)`, round2((b.drainMs / b.windowMs)), (v) => v <= GOALS.drainMinutes);
    goal('backlog: orders per minute (per window)', `>= ${GOALS.ordersPerMinute}`, b.ordersPerWindow, (v) => v >= GOALS.ordersPerMinute);
    goal('backlog: 429s after the first window', `= ${GOALS.rateLimited429AfterFirstWindow}`, b.rateLimited429AfterFirstWindow, (v) => v <= 0);
    goal('backlog: ShipStation calls per order', `<= ${GOALS.shipStationCallsPerOrder}`, b.shipStationCallsPerOrder, (v) => v <= GOALS.shipStationCallsPerOrder);
  }
  if (b2) {
    goal('2 workers: most requests in one window', `<= ${GOALS.requestsPerWindow}`, b2.maxRequestsInAWindow, (v) => v <= GOALS.requestsPerWindow);
    goal('2 workers: 429s after the first window', `= ${GOALS.rateLimited429AfterFirstWindow}`, b2.rateLimited429AfterFirstWindow, (v) => v <= 0);
  }
  if (u) goal('REST: UltraCart calls per order', `<= ${GOALS.ultraCartCallsPerOrder}`, u.ultraCartCallsPerOrder, (v) => v <= GOALS.ultraCartCallsPerOrder);
  if (l) goal('lone order: queued -> in ShipStation p95 (ms)', `<= ${l.boundMs}`, l.latencyMs.p95, (v) => v <= l.boundMs);
  if (p) goal('limit off: orders/s end to end / before', `>= ${GOALS.profileRatio}`, round2(p.ordersPerSecondEndToEnd / BEFORE.ordersPerSecondEndToEnd), (v) => v >= GOALS.profileRatio);
  if (h) goal('history events per order', `<= ${GOALS.eventsPerOrder}`, h.eventsPerOrder, (v) => v <= GOALS.eventsPerOrder);
  if (e) goal('encryption on / off: orders/s end to end', `>= ${GOALS.encryptionRatio}`, e.onOverOff, (v) => v >= GOALS.encryptionRatio);
  if (m) goal(`worker RSS, ${m.orders} awaiting shipment (MB)`, `<= ${GOALS.workerRssMb}`, m.workerRssMb, (v) => v <= GOALS.workerRssMb);

  const machine = { cpuLoopMs: { start: loopAtStart, end: cpuLoopMs() }, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemoryBytes: os.totalmem(), totalMemoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, node: process.version };
  const doc = {
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    machine,
    sizes: opts,
    scaling: b?.scaled
      ? `backlog of ${b.orders}: the ShipStation simulator's fixed window is ${b.windowMs / 1000} s instead of 60 s (40 requests per ${b.windowMs / 1000} s, and INGEST_INTERVAL with it); per-minute figures are per window.`
      : 'none',
    before: BEFORE,
    settings: {
      SHIPMENT_POLL_INTERVAL: '6h in every scenario (the production default; the sandbox demo uses 30s)',
      SHIPMENT_WATCH_PERIOD: '3 days (production) in the backlog rows, which count orders in the written_back stage; 2 s elsewhere, where completed workflows are counted',
      INGEST_INTERVAL: 'the window of the limit in the backlog rows (1 m, the production default, at the real limit; the run triggers the schedule once after queueing, as `ucship ingest --now`), 10 s for the lone orders, 1 s with the limit off',
      BATCH_LINGER: '1s, BATCH_MAX_WAIT 5s (the defaults)',
      VOID_SWEEP_INTERVAL: '1h in every scenario (the production default; the sandbox uses 30s)',
      SHIPMENT_SWEEP_INTERVAL: '30m in every scenario (the production default; the sandbox uses 30s)',
      labels: 'bought by the simulator autoship in batches (one batch, one SHIP_NOTIFY per rate-limit window; every 500 ms with the limit off)',
    },
    goals,
    results,
  };
  const file = opts.out ?? path.resolve(__dirname, 'results', `${startedAt.toISOString().slice(0, 10)}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return { file, table: formatTable(doc, { b, b2, u, l, p, t, h, m, e }) };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function formatTable(
  doc: { machine: { cpuLoopMs: { start: number; end: number }; cpus: number; totalMemoryGb: number }; goals: Array<{ what: string; goal: string; value: number | undefined; pass: boolean | undefined }> },
  r: {
    b?: Awaited<ReturnType<typeof drainScenario>>;
    b2?: Awaited<ReturnType<typeof drainScenario>>;
    u?: Awaited<ReturnType<typeof drainScenario>>;
    l?: Awaited<ReturnType<typeof latencyScenario>>;
    p?: Awaited<ReturnType<typeof profileScenario>>;
    t?: Awaited<ReturnType<typeof throughputScenario>>['throughput']; h?: Awaited<ReturnType<typeof throughputScenario>>['history']; m?: Awaited<ReturnType<typeof memoryScenario>>; e?: Awaited<ReturnType<typeof encryptionScenario>> },
): string {
  const rows: Array<[string, string, string, string]> = [];
  const res = (what: string) => {
    const g = doc.goals.find((x) => x.what === what);
    return g ? (g.pass ? 'pass' : 'MISS') : '';
  };
  const drainRows = (n: string, d: Awaited<ReturnType<typeof drainScenario>>) => {
    const tag = `${d.orders} orders, ${d.workers} worker${d.workers > 1 ? 's' : ''}, ${d.transport} @ ${d.limit}`;
    rows.push([`${n}. ${tag}: first -> last in ShipStation (min)`, `${round2(d.drainMs / 60_000)} (queued -> all ${round2(d.queuedToAllInShipStationMs / 60_000)})`, n === '1' ? `<= ${GOALS.drainMinutes}` : '', n === '1' ? res('backlog: minutes from the first order in ShipStation to the last') : '']);
    rows.push([`${n}. orders per minute (per window)`, `${d.ordersPerWindow} (before ${BEFORE.ordersPerMinute})`, n === '1' ? `>= ${GOALS.ordersPerMinute}` : '', n === '1' ? res('backlog: orders per minute (per window)') : '']);
    rows.push([`${n}. ShipStation calls per order / most in a window`, `${d.shipStationCallsPerOrder} / ${d.maxRequestsInAWindow}`, n === '1' ? `<= ${GOALS.shipStationCallsPerOrder}` : `<= ${GOALS.requestsPerWindow} in a window`, n === '1' ? res('backlog: ShipStation calls per order') : n === '1b' ? res('2 workers: most requests in one window') : '']);
    rows.push([`${n}. 429s after the first window`, `${d.rateLimited429AfterFirstWindow} (total ${d.rateLimited429})`, '0', n === '1' ? res('backlog: 429s after the first window') : n === '1b' ? res('2 workers: 429s after the first window') : '']);
    rows.push([`${n}. UltraCart calls per order`, `${d.ultraCartCallsPerOrder} (${Object.entries(d.ultraCartCalls).map(([k, v]) => `${k} ${v}`).join(', ')})`, d.transport === 'rest' ? `<= ${GOALS.ultraCartCallsPerOrder}` : '', d.transport === 'rest' ? res('REST: UltraCart calls per order') : '']);
  };
  if (r.b) drainRows('1', r.b);
  if (r.b2) drainRows('1b', r.b2);
  if (r.u) drainRows('1c', r.u);
  if (r.l) rows.push([`6. lone order, INGEST_INTERVAL ${r.l.ingestIntervalMs / 1000} s: queued -> in ShipStation p50 / p95 (ms)`, `${r.l.latencyMs.p50} / ${r.l.latencyMs.p95}`, `<= ${r.l.boundMs}`, res('lone order: queued -> in ShipStation p95 (ms)')]);
  if (r.p) {
    rows.push([`7. ${r.p.orders} orders, limit off: orders/s end to end`, `${r.p.ordersPerSecondEndToEnd} (before ${BEFORE.ordersPerSecondEndToEnd})`, `>= ${GOALS.profileRatio}x`, res('limit off: orders/s end to end / before')]);
    rows.push(['7. CPU s: worker / Temporal / simulators+bench (wall)', `${r.p.cpuSeconds.worker} / ${r.p.cpuSeconds.temporal} / ${r.p.cpuSeconds.bench} (${r.p.cpuSeconds.wall})`, '', '']);
    for (const [phase, t] of Object.entries(r.p.stages.ms)) rows.push([`7. ${phase}: mean / p50 / p90 (ms)`, `${t.mean} / ${t.p50} / ${t.p90}`, '', '']);
    for (const [part, t] of Object.entries(r.p.ingest.meanMs)) rows.push([`7. ingest per batch (${r.p.ingest.batches}): ${part}: mean (ms)`, `${t}`, '', '']);
  }
  if (r.t) {
    rows.push([`2. ${r.t.orders} orders, limit off: orders/s end to end`, String(r.t.ordersPerSecondEndToEnd), '', '']);
    rows.push(['2. queued -> in ShipStation p50 / p95 (ms)', `${r.t.queuedToInShipStationMs.p50} / ${r.t.queuedToInShipStationMs.p95}`, '', '']);
    rows.push(['2. label -> written back p50 / p95 (ms)', `${r.t.labelToWrittenBackMs.p50} / ${r.t.labelToWrittenBackMs.p95}`, '', '']);
    rows.push(['2. into ShipStation: product / naive loop (orders/s)', `${r.t.ordersPerSecondIntoShipStation} / ${r.t.naive.ordersPerSecond} = ${r.t.ratioToNaive}`, '', '']);
  }
  if (r.h) {
    rows.push([`3. history events per happy-path order (${r.h.sampledOrders} sampled)`, `${r.h.eventsPerOrder} (max ${r.h.eventsPerOrderMax})`, '<= 40', res('history events per order')]);
    rows.push(['3. activities (+ local) per order', `${r.h.activitiesPerOrder} (+ ${r.h.localActivitiesPerOrder})`, '', '']);
  }
  if (r.m) rows.push([`4. worker RSS, ${r.m.orders} awaiting shipment (MB)`, `${r.m.workerRssMb} (peak ${r.m.workerRssPeakMb}, idle ${r.m.workerRssIdleMb})`, '<= 300', res(`worker RSS, ${r.m.orders} awaiting shipment (MB)`)]);
  if (r.e) {
    const { on, off } = r.e;
    rows.push([`5. ${r.e.orders} orders, limit off: orders/s end to end, encryption on / off`, `${on.ordersPerSecondEndToEnd} / ${off.ordersPerSecondEndToEnd} = ${r.e.onOverOff}`, '>= 0.9', res('encryption on / off: orders/s end to end')]);
  }
  const header: [string, string, string, string] = ['measure', 'value', 'goal', 'result'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    `machine: ${doc.machine.cpus} cores, ${doc.machine.totalMemoryGb} GB; a fixed CPU loop took ${doc.machine.cpuLoopMs.start} ms at the start, ${doc.machine.cpuLoopMs.end} ms at the end`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
