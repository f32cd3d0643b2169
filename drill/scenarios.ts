import { orderKeyOf, orderWorkflowId, statusQuery, type OrderStatus } from '../src/contract';
import { prng } from '../src/util/prng';
import { sleep, waitFor } from '../stack-kit';
import { mapConcurrently } from '../src/util/map-concurrently';
import { waitForInvariants } from './check';
import { startFaultMix } from './fault-mix';
import { DRILL_TRANSPORT } from './env';
import { generateHostileOrders } from './hostile';
import { AUTOSHIP_MS, failedWorkflows, row, trickle, validOrders, withEnv, type DrillContext, type Row } from './support';

/** 1. The worker process SIGKILLed at random moments and restarted, while orders flow. */
export async function killDrill(ctx: DrillContext): Promise<Row> {
  const { sizes } = ctx;
  return withEnv(ctx, 'kill', undefined, async (env) => {
    const rand = prng(sizes.seed * 7 + 1);
    await env.ssAdmin.autoship(AUTOSHIP_MS);
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
    await env.ssAdmin.autoship(AUTOSHIP_MS);
    await env.startWorker();
    env.supervise();
    const faults = startFaultMix(env);
    await faults.ready;
    const orders = validOrders(env, sizes.faultOrders, 'F-', sizes.seed + 1);
    const ids = orders.map((o) => o.order_id);
    const lastPosted = await trickle(env, orders, 5, 5000);
    let { tally, heldAt } = await waitForInvariants(env, ids, lastPosted + sizes.settleMs / 2);
    await faults.stopBursts();
    const [uc, ss] = [await env.ucAdmin.stats(), await env.ssAdmin.stats()];
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
    await env.ssAdmin.autoship(AUTOSHIP_MS);
    await env.startWorker();
    env.supervise();
    const orders = validOrders(env, sizes.serverOrders, 'S-', sizes.seed + 2);
    const posted = trickle(env, orders, 6, 6000);
    // Wait until the run is well under way (some orders in ShipStation, not all), a minute at most.
    const underWay = async () => (await env.ssAdmin.orders()).orders.length >= Math.max(1, Math.floor(orders.length / 4));
    await waitFor('the run under way', underWay, { timeoutMs: 60_000 }).catch(() => undefined);
    const killedAt = Date.now();
    await ctx.temporal.kill();
    ctx.log('server: SIGKILLed the Temporal dev server');
    await sleep(3000);
    await ctx.temporal.up();
    const backAt = Date.now();
    ctx.log(`server: dev server back after ${((backAt - killedAt) / 1000).toFixed(1)} s`);
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
    await env.ssAdmin.autoship(AUTOSHIP_MS);
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
      const statuses = await mapConcurrently(parked, 16, async (c) => {
        try {
          return await ctx.temporal.client.workflow.getHandle(orderWorkflowId(env.merchantId, c.order.order_id as string)).query(statusQuery);
        } catch {
          return undefined;
        }
      });
      const views = await mapConcurrently(parked, 16, (c) => env.ucAdmin.order(c.order.order_id as string));
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
        await env.ssAdmin.autoship(AUTOSHIP_MS);
        const orders = validOrders(env, ctx.sizes.credentialOrders, 'C-', ctx.sizes.seed + 4);
        await env.ucAdmin.postOrders(orders);
        const started = Date.now();
        await env.startWorker(false);
        const exited = await Promise.race([env.waitExit().then(() => true), sleep(60_000).then(() => false)]);
        const failFastMs = Date.now() - started;
        const exitCode = env.exitCode;
        await sleep(2000); // anything still calling after the exit would show in the counts
        const uc = await env.ucAdmin.stats();
        const ss = await env.ssAdmin.stats();
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
