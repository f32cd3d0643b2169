import { generateDemoOrders } from '../sandbox/demo-orders';
import { sleep, type PrivateTemporal } from '../stack-kit';
import { holds, type Tally } from './check';
import { ScenarioEnv } from './env';

/** What every drill scenario shares: its sizes, its row of the report, its world (withEnv) and its checks. */

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
  temporal: PrivateTemporal;
  dir: string;
  sizes: DrillSizes;
  log: (line: string) => void;
}

export const AUTOSHIP_MS = 300;

export async function withEnv<T>(ctx: DrillContext, name: string, workerEnv: Record<string, string> | undefined, run: (env: ScenarioEnv) => Promise<T>): Promise<T> {
  const env = new ScenarioEnv({ name, dir: ctx.dir, temporal: ctx.temporal, workerEnv });
  try {
    await env.start();
    return await run(env);
  } finally {
    env.stopSupervising();
    await env.close().catch((err: unknown) => ctx.log(`${name}: cleanup failed: ${(err as Error).message}`));
  }
}

export function validOrders(env: ScenarioEnv, count: number, prefix: string, seed: number): Array<Record<string, unknown> & { order_id: string }> {
  return generateDemoOrders(count, seed, { merchantId: env.merchantId, idPrefix: prefix, includeUnshippable: false }) as Array<Record<string, unknown> & { order_id: string }>;
}

/** Posts the orders in `chunks` parts spread over `overMs`, in the background. */
export function trickle(env: ScenarioEnv, orders: unknown[], chunks: number, overMs: number): Promise<number> {
  const size = Math.ceil(orders.length / chunks);
  return (async () => {
    for (let i = 0; i < orders.length; i += size) {
      await env.ucAdmin.postOrders(orders.slice(i, i + size));
      if (i + size < orders.length) await sleep(overMs / chunks);
    }
    return Date.now();
  })();
}

/** Workflows of this scenario's task queue that ended badly (Failed, TimedOut, Terminated), from visibility. */
export async function failedWorkflows(env: ScenarioEnv, type?: string): Promise<number> {
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

export function row(drill: string, t: Tally, failed: number, recoverMs: number | undefined, notes: string[], extraOk = true, extraProblems: string[] = []): Row {
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
