import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encryptionScenario } from './encryption';
import { backlogScenario, memoryScenario, throughputScenario, type Log } from './scenarios';

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
  out?: string;
  only?: string[];
}

export const FULL: BenchOptions = { orders: 2000, windowMs: 60_000, rateOrders: 1000, historySample: 50, memoryOrders: 5000, encryptionOrders: 1000 };
export const QUICK: BenchOptions = { orders: 200, windowMs: 3000, rateOrders: 300, historySample: 20, memoryOrders: 1000, encryptionOrders: 200 };

const GOALS = { encryptionRatio: 0.9, throughputRatio: 0.95, rateLimited429AfterFirstMinute: 0, callsPerOrder: 1.2, eventsPerOrder: 40, workerRssMb: 300 };

export async function runBench(opts: BenchOptions, log: Log = (l) => console.log(l)): Promise<{ file: string; table: string }> {
  const want = (name: string) => !opts.only || opts.only.includes(name);
  const startedAt = new Date();
  const results: Record<string, unknown> = {};
  if (want('backlog')) results.backlog = await backlogScenario({ orders: opts.orders, windowMs: opts.windowMs, log });
  if (want('throughput')) {
    const t = await throughputScenario({ orders: opts.rateOrders, historySample: opts.historySample, log });
    results.throughput = t.throughput;
    results.history = t.history;
  }
  if (want('memory')) results.memory = await memoryScenario({ orders: opts.memoryOrders, log });
  if (want('encryption')) results.encryption = await encryptionScenario({ orders: opts.encryptionOrders, log });

  type Backlog = Awaited<ReturnType<typeof backlogScenario>>;
  type Throughput = Awaited<ReturnType<typeof throughputScenario>>;
  type Memory = Awaited<ReturnType<typeof memoryScenario>>;
  const b = results.backlog as Backlog | undefined;
  const t = results.throughput as Throughput['throughput'] | undefined;
  const h = results.history as Throughput['history'] | undefined;
  const m = results.memory as Memory | undefined;
  const e = results.encryption as Awaited<ReturnType<typeof encryptionScenario>> | undefined;
  const goals: Array<{ what: string; goal: string; value: number | undefined; pass: boolean | undefined }> = [];
  const goal = (what: string, text: string, value: number | undefined, ok: (v: number) => boolean) =>
    goals.push({ what, goal: text, value, pass: value === undefined ? undefined : ok(value) });
  if (b) {
    goal('backlog: orders per minute / limit', `>= ${GOALS.throughputRatio}`, b.throughputRatio, (v) => v >= GOALS.throughputRatio);
    goal('backlog: 429s after the first minute', `= ${GOALS.rateLimited429AfterFirstMinute}`, b.rateLimited429AfterFirstMinute, (v) => v <= 0);
    goal('backlog: ShipStation calls per order', `<= ${GOALS.callsPerOrder}`, b.callsPerOrder, (v) => v <= GOALS.callsPerOrder);
  }
  if (h) goal('history events per order', `<= ${GOALS.eventsPerOrder}`, h.eventsPerOrder, (v) => v <= GOALS.eventsPerOrder);
  if (e) goal('encryption on / off: orders/s end to end', `>= ${GOALS.encryptionRatio}`, e.onOverOff, (v) => v >= GOALS.encryptionRatio);
  if (m) goal(`worker RSS, ${m.orders} awaiting shipment (MB)`, `<= ${GOALS.workerRssMb}`, m.workerRssMb, (v) => v <= GOALS.workerRssMb);

  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemoryBytes: os.totalmem(), totalMemoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, node: process.version };
  const doc = {
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    machine,
    sizes: opts,
    scaling: b?.scaled
      ? `backlog of ${b.orders}: the ShipStation simulator's fixed window is ${b.windowMs / 1000} s instead of 60 s (40 requests per ${b.windowMs / 1000} s, ${b.timeScale}x time); per-minute figures are per window.`
      : 'none',
    settings: {
      SHIPMENT_POLL_INTERVAL: '6h in every scenario (the production default; the sandbox demo uses 30s)',
      SHIPMENT_WATCH_PERIOD: '2s (production 3 days): completed happy-path workflows are counted',
      INGEST_INTERVAL: '5s under the rate limit, 1s with it off',
      VOID_SWEEP_INTERVAL: '1h in every scenario (the production default; the sandbox uses 30s)',
      labels: 'bought by the simulator autoship in batches (one batch, one SHIP_NOTIFY per rate-limit window; every 500 ms with the limit off)',
    },
    goals,
    results,
  };
  const file = opts.out ?? path.resolve(__dirname, 'results', `${startedAt.toISOString().slice(0, 10)}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return { file, table: formatTable(doc, { b, t, h, m, e }) };
}

function formatTable(
  doc: { machine: { cpus: number; totalMemoryGb: number }; goals: Array<{ what: string; goal: string; value: number | undefined; pass: boolean | undefined }> },
  r: { b?: Awaited<ReturnType<typeof backlogScenario>>; t?: Awaited<ReturnType<typeof throughputScenario>>['throughput']; h?: Awaited<ReturnType<typeof throughputScenario>>['history']; m?: Awaited<ReturnType<typeof memoryScenario>>; e?: Awaited<ReturnType<typeof encryptionScenario>> },
): string {
  const rows: Array<[string, string, string, string]> = [];
  const res = (what: string) => {
    const g = doc.goals.find((x) => x.what === what);
    return g ? (g.pass ? 'pass' : 'MISS') : '';
  };
  if (r.b) {
    const tag = `${r.b.orders} orders @ ${r.b.limit}${r.b.scaled ? ` (scaled ${r.b.timeScale}x)` : ''}`;
    rows.push([`1. ${tag}: orders per minute / limit`, String(r.b.throughputRatio), '>= 0.95', res('backlog: orders per minute / limit')]);
    rows.push([`1. ${tag}: 429s after the first minute`, `${r.b.rateLimited429AfterFirstMinute} (total ${r.b.rateLimited429})`, '0', res('backlog: 429s after the first minute')]);
    rows.push([`1. ${tag}: ShipStation calls per order`, String(r.b.callsPerOrder), '<= 1.2', res('backlog: ShipStation calls per order')]);
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
    `machine: ${doc.machine.cpus} cores, ${doc.machine.totalMemoryGb} GB`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
