import { generateDemoOrders } from '../sandbox/demo-orders';
import { orderKeyOf, orderWorkflowId, statusQuery, type OrderStatus } from '../src/contract';
import { holds, mapLimit, waitForInvariants, type Tally } from './check';
import { prng } from '../src/util/prng';
import { DRILL_TRANSPORT, ScenarioEnv, sleep, type TemporalUnderTest } from './env';
import { generateHostileOrders } from './hostile';

export interface DrillSizes {
  orders: number;
  kills: number;
  faultOrders: number;
  serverOrders: number;
  hostile: number;
  credentialOrders: number;
  seed: number;
  /** How long a scenario may take to converge after its disruption ends. */
  settleMs: number;
}

export interface Row {
  drill: string;
  orders: number;
  lost: number;
  duplicated: number;
  doubleWriteBacks: number;
  failedWorkflows: number;
  /** ms; undefined = did not recover before the deadline. */
  recoverMs: number | undefined;
  notes: string;
  ok: boolean;
  problems: string[];
}

export interface DrillContext {
  temporal: TemporalUnderTest;
  dir: string;
  sizes: DrillSizes;
  log: (line: string) => void;
}

const AUTOSHIP_MS = 300;

async function withEnv<T>(ctx: DrillContext, name: string, workerEnv: Record<string, string> | undefined, run: (env: ScenarioEnv) => Promise<T>): Promise<T> {
  const env = new ScenarioEnv({ name, dir: ctx.dir, temporal: ctx.temporal, workerEnv });
  try {
    await env.startSimulators();
    return await run(env);
  } finally {
    env.stopSupervising();
    await env.close().catch((err: unknown) => ctx.log(`${name}: cleanup failed: ${(err as Error).message}`));
  }
}

function validOrders(env: ScenarioEnv, count: number, prefix: string, seed: number): Array<Record<string, unknown> & { order_id: string }> {
  return generateDemoOrders(count, seed, { merchantId: env.merchantId, idPrefix: prefix, includeUnshippable: false }) as Array<Record<string, unknown> & { order_id: string }>;
}

/** Posts the orders in `chunks` parts spread over `overMs`, in the background. */
function trickle(env: ScenarioEnv, orders: unknown[], chunks: number, overMs: number): Promise<number> {
  const size = Math.ceil(orders.length / chunks);
  return (async () => {
    for (let i = 0; i < orders.length; i += size) {
      await env.postOrders(orders.slice(i, i + size));
      if (i + size < orders.length) await sleep(overMs / chunks);
    }
    return Date.now();
  })();
}

/** Workflows of this scenario's task queue that ended badly (Failed, TimedOut, Terminated), from visibility. */
async function failedWorkflows(env: ScenarioEnv, type?: string): Promise<number> {
  const q = `TaskQueue = "${env.taskQueue}" AND ExecutionStatus IN ("Failed", "TimedOut", "Terminated")${type ? ` AND WorkflowType = "${type}"` : ''}`;
  for (let i = 0; i < 5; i++) {
    try {
      return (await env.opts.temporal.client.workflow.count(q)).count;
    } catch {
      await sleep(1000);
    }
  }
  return -1;
}

function row(drill: string, t: Tally, failed: number, recoverMs: number | undefined, notes: string[], extraOk = true, extraProblems: string[] = []): Row {
  const ok = holds(t) && failed === 0 && recoverMs !== undefined && extraOk;
  return {
    drill,
    orders: t.orders,
    lost: t.lost,
    duplicated: t.duplicated,
    doubleWriteBacks: t.doubleWriteBacks,
    failedWorkflows: failed,
    recoverMs,
    notes: [...notes, `${t.resends} identical write-back resends`].join('; '),
    ok,
    problems: [...extraProblems, ...t.problems],
  };
}

/** 1. The worker process SIGKILLed at random moments and restarted, while orders flow. */
export async function killDrill(ctx: DrillContext): Promise<Row> {
  const { sizes } = ctx;
  return withEnv(ctx, 'kill', undefined, async (env) => {
    const rand = prng(sizes.seed * 7 + 1);
    await env.autoship(AUTOSHIP_MS);
    await env.startWorker();
    env.supervise();
    const orders = validOrders(env, sizes.orders, 'K-', sizes.seed);
    const posted = trickle(env, orders, 10, 3000 * sizes.kills);
    for (let k = 0; k < sizes.kills; k++) {
      await sleep(500 + rand() * 3500);
      await env.killWorker();
      ctx.log(`kill: SIGKILLed the worker (${k + 1}/${sizes.kills})`);
      await sleep(rand() * 1500);
      await env.startWorker();
    }
    await posted;
    const restartedAt = Date.now();
    const { tally, heldAt } = await waitForInvariants(env, orders.map((o) => o.order_id), restartedAt + sizes.settleMs);
    const crashes = env.crashes.length;
    return row('1 worker SIGKILL', tally, await failedWorkflows(env), heldAt && heldAt - restartedAt, [`${env.kills} kills`, `${crashes} crashes`, 'time: last restart → consistent'], crashes === 0, env.crashes);
  });
}

/**
 * 2. Faults at ~20% of calls on both simulators while orders flow: 5xx, SOAP faults, delays past the timeouts,
 * 429 bursts, webhooks dropped and duplicated. The faults stay on until every order was queued and a while after;
 * an order still retrying then (its backoff grows to 2 minutes, retry-policies.ts) must recover once they stop.
 */
export async function faultDrill(ctx: DrillContext): Promise<Row> {
  const { sizes } = ctx;
  return withEnv(ctx, 'faults', undefined, async (env) => {
    await env.autoship(AUTOSHIP_MS);
    await env.startWorker();
    env.supervise();
    // Rules are tried in turn, so four at 5.5% hit ~20% of calls; delays (3 s) outlast the clients' 2 s timeouts.
    for (const mode of ['fault', 'http500', 'delay', 'drop']) await env.ucFault({ mode, rate: 0.055, delay_ms: 3000 });
    // ShipStation: 7% each of 5xx and delays, 3% single 429s plus the bursts below (~3% of calls at this pace).
    await env.ssFault({ mode: '429', rate: 0.03 });
    for (const mode of ['http500', 'delay']) await env.ssFault({ mode, rate: 0.07, delay_ms: 3000 });
    await env.ssFault({ mode: 'drop_webhook', rate: 0.2 });
    await env.ssFault({ mode: 'duplicate_webhook', rate: 0.2 });
    let bursting = true;
    const bursts = (async () => {
      for (let second = 0; bursting; second += 1) {
        if (second % 20 === 0) await env.ssFault({ mode: '429', count: 3 }); // a burst: the next 3 requests all get 429
        await sleep(1000);
      }
    })();
    const orders = validOrders(env, sizes.faultOrders, 'F-', sizes.seed + 1);
    const ids = orders.map((o) => o.order_id);
    const lastPosted = await trickle(env, orders, 5, 5000);
    let { tally, heldAt } = await waitForInvariants(env, ids, lastPosted + sizes.settleMs / 2);
    bursting = false;
    await bursts;
    const [uc, ss] = [await env.ucStats(), await env.ssStats()];
    await env.clearFaults();
    const clearedAt = Date.now();
    if (heldAt === undefined) ({ tally, heldAt } = await waitForInvariants(env, ids, clearedAt + sizes.settleMs));
    const served = Object.values(ss.faultsServed).reduce((a, b) => a + b, 0);
    const ucCalls = Object.values(uc.calls).reduce((a, b) => a + b, 0);
    const phase = heldAt !== undefined && heldAt <= clearedAt ? 'consistent with the faults still on' : `faults cleared ${((clearedAt - lastPosted) / 1000).toFixed(0)} s after the last order`;
    return row('2 faults 20%', tally, await failedWorkflows(env), heldAt && heldAt - lastPosted, [
      `UltraCart ${uc.faults_served}/${ucCalls} calls faulted`,
      `ShipStation ${served} faults (${JSON.stringify(ss.faultsServed).replace(/"/g, '')}) on ${ss.total} calls and ${ss.webhooks.sent ?? 0} webhooks`,
      `${env.crashes.length} crashes`,
      `${phase}; time: last order queued → consistent`,
    ], env.crashes.length === 0, env.crashes);
  });
}

/** 3. The Temporal dev server SIGKILLed mid-run and restarted on the same SQLite file. */
export async function serverDrill(ctx: DrillContext): Promise<Row> {
  const { sizes } = ctx;
  return withEnv(ctx, 'server', undefined, async (env) => {
    await env.autoship(AUTOSHIP_MS);
    await env.startWorker();
    env.supervise();
    const orders = validOrders(env, sizes.serverOrders, 'S-', sizes.seed + 2);
    const posted = trickle(env, orders, 6, 6000);
    // Wait until the run is well under way: some orders in ShipStation, not all.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const { orders: ss } = await env.ssOrders();
      if (ss.length >= Math.max(1, Math.floor(orders.length / 4))) break;
      await sleep(200);
    }
    await ctx.temporal.kill();
    ctx.log('server: SIGKILLed the Temporal dev server');
    await sleep(3000);
    await ctx.temporal.up();
    const backAt = Date.now();
    ctx.log(`server: dev server back after ${((backAt - deadline + 60_000) / 1000).toFixed(1)} s`);
    await posted;
    const { tally, heldAt } = await waitForInvariants(env, orders.map((o) => o.order_id), backAt + sizes.settleMs);
    return row('3 Temporal server kill', tally, await failedWorkflows(env), heldAt && heldAt - backAt, [
      `worker ${env.crashes.length === 0 ? 'rode it out' : `exited ${env.crashes.length}x and was restarted`}`,
      'SQLite kept; time: server back → consistent',
    ], true, env.crashes);
  });
}

/** 4. Hostile orders: each reaches ShipStation normalized or parks with a reason naming the field; the worker never crashes. */
export async function hostileDrill(ctx: DrillContext): Promise<Row> {
  const { sizes } = ctx;
  return withEnv(ctx, 'hostile', undefined, async (env) => {
    await env.autoship(AUTOSHIP_MS);
    await env.startWorker();
    const cases = generateHostileOrders(sizes.hostile, sizes.seed + 3, env.merchantId);
    const accepted = cases.filter((c) => c.expect.kind === 'ship');
    const parked = cases.filter((c) => c.expect.kind === 'park');
    const lastPosted = await trickle(
      env,
      cases.map((c) => c.order),
      Math.ceil(cases.length / 100),
      2000,
    );
    const deadline = lastPosted + sizes.settleMs + cases.length * 500;
    const problems: string[] = [];
    const { tally, heldAt } = await waitForInvariants(
      env,
      accepted.map((c) => c.order.order_id as string),
      deadline,
      parked.map((c) => c.order.order_id as string),
      2000,
    );
    // Parked orders: the workflow's status query says needs_attention with a reason naming the field, and UltraCart got its acknowledgement.
    let parkedOk = 0;
    let parkedAt = Date.now();
    for (;;) {
      const wrong: string[] = [];
      const statuses = await mapLimit(parked, 16, async (c) => {
        try {
          return await ctx.temporal.client.workflow.getHandle(orderWorkflowId(env.merchantId, c.order.order_id as string)).query(statusQuery);
        } catch {
          return undefined;
        }
      });
      const views = await mapLimit(parked, 16, (c) => env.ucOrder(c.order.order_id as string));
      parkedOk = 0;
      parked.forEach((c, i) => {
        const s: OrderStatus | undefined = statuses[i];
        const field = c.expect.kind === 'park' ? c.expect.field : '';
        if (s?.stage === 'needs_attention' && (s.reason ?? '').includes(field) && views[i].imported) parkedOk += 1;
        else wrong.push(`${c.order.order_id} (${c.label}): expected park naming ${field}; got ${s ? `${s.stage}: ${(s.reason ?? s.lastError ?? '').slice(0, 160)}` : 'no workflow'}${views[i].imported ? '' : ', not acknowledged'}`);
      });
      if (wrong.length === 0 || Date.now() > deadline) {
        problems.push(...wrong.slice(0, 8));
        parkedAt = Date.now();
        break;
      }
      await sleep(2000);
    }
    // Accepted orders arrived normalized: check the fields the generator made hostile.
    const normalization: string[] = [];
    for (const c of accepted) {
      if (c.expect.kind !== 'ship') continue;
      const ss = tally.ssByKey.get(orderKeyOf(env.merchantId, c.order.order_id as string))?.[0];
      if (!ss) continue;
      const bad = c.expect.check(ss);
      if (bad) normalization.push(`${c.order.order_id} (${c.label}): ${bad}`);
    }
    problems.push(...normalization.slice(0, 8));
    const alive = env.workerAlive();
    if (!alive) problems.push(`worker is not running: ${env.crashes.join(' / ')}`);
    const failed = await failedWorkflows(env);
    const settled = heldAt === undefined || parkedOk < parked.length ? undefined : Math.max(heldAt, parkedAt) - lastPosted;
    const extraOk = parkedOk === parked.length && normalization.length === 0 && alive && env.crashes.length === 0;
    return row('4 hostile orders', { ...tally, orders: cases.length }, failed, settled, [
      `${accepted.length} shipped normalized, ${parkedOk}/${parked.length} parked naming the field`,
      `${normalization.length} not normalized`,
      `worker ${alive && env.crashes.length === 0 ? 'never crashed' : 'CRASHED'}`,
      'time: last order queued → all settled',
    ], extraOk, problems);
  });
}

/** 5. A wrong access key, then a wrong API secret: the worker must stop at once with a clear message, no retry storm. */
export async function credentialDrills(ctx: DrillContext): Promise<Row[]> {
  const cases: Array<{ drill: string; env: Record<string, string>; expect: RegExp }> = [
    DRILL_TRANSPORT === 'soap'
      ? { drill: '5a wrong access key', env: { ULTRACART_ACCESS_KEY: 'wrong-access-key' }, expect: /access key/i }
      : { drill: '5a wrong simple key', env: { ULTRACART_API_KEY: 'wrong-simple-key' }, expect: /ULTRACART_API_KEY/ },
    { drill: '5b wrong API secret', env: { SHIPSTATION_API_SECRET: 'wrong-secret' }, expect: /secret/i },
  ];
  const rows: Row[] = [];
  for (const c of cases) {
    rows.push(
      await withEnv(ctx, c.drill.slice(0, 2), c.env, async (env) => {
        await env.autoship(AUTOSHIP_MS);
        const orders = validOrders(env, ctx.sizes.credentialOrders, 'C-', ctx.sizes.seed + 4);
        await env.postOrders(orders);
        const started = Date.now();
        await env.startWorker(false);
        const exited = await Promise.race([env.waitExit().then(() => true), sleep(60_000).then(() => false)]);
        const failFastMs = Date.now() - started;
        const exitCode = env.exitCode;
        await sleep(2000); // anything still calling after the exit would show in the counts
        const uc = await env.ucStats();
        const ss = await env.ssStats();
        const ucCalls = Object.values(uc.calls).reduce((a, b) => a + b, 0);
        const message = env.output.find((l) => c.expect.test(l)) ?? env.output.slice(-1)[0] ?? '';
        const problems: string[] = [];
        if (!exited) problems.push(`worker still running after 60 s with a wrong credential: ${env.output.slice(-3).join(' | ')}`);
        else if (exitCode === 0) problems.push('worker exited 0 with a wrong credential');
        if (!c.expect.test(message)) problems.push(`no clear message matching ${c.expect}: ${env.output.slice(-3).join(' | ')}`);
        const calls = ucCalls + ss.total + ss.unauthorized;
        if (calls > 6) problems.push(`retry storm: ${ucCalls} UltraCart + ${ss.total + ss.unauthorized} ShipStation calls`);
        await env.killWorker();
        // The merchant fixes the setting: the same orders, still queued in UltraCart, go through.
        env.opts.workerEnv = {};
        const fixedAt = Date.now();
        await env.startWorker();
        const { tally, heldAt } = await waitForInvariants(env, orders.map((o) => o.order_id), fixedAt + ctx.sizes.settleMs);
        // Crashes here are the expected exit with the wrong credential; the row is about the message and the count.
        return row(c.drill, tally, await failedWorkflows(env), heldAt && heldAt - fixedAt, [
          `${exited ? `exit ${exitCode}` : 'still running'} after ${(failFastMs / 1000).toFixed(1)} s: "${message.replace(/^.*?(UltraCart|ShipStation)/, '$1').slice(0, 140)}"`,
          `calls while misconfigured: UltraCart ${ucCalls}, ShipStation ${ss.total + ss.unauthorized} (${ss.unauthorized} refused)`,
          'time: fixed restart → consistent',
        ], problems.length === 0, problems);
      }),
    );
  }
  return rows;
}
