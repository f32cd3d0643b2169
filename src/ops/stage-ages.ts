import type { Client } from '@temporalio/client';
import { listOrderRuns, orderQuery, quote, stageSince, startedBefore } from './order-visibility';

/**
 * How old the orders in each stage are, from visibility. Visibility cannot sort by start time nor tell when a
 * stage began, so: counts of runs started before a cutoff find the oldest run (a bounded search), and the
 * history of the few candidates past a threshold tells when they entered their stage.
 */

export interface OverdueOrder {
  orderId: string;
  workflowId: string;
  runId: string;
  /** Time in the current stage. */
  ageMs: number;
}

export interface StageAge {
  stage: string;
  running: number;
  /** Age of the oldest running order in the stage, counted from its workflow's start (an upper bound); 0 when none. */
  oldestStartAgeMs: number;
  thresholdMs: number | undefined;
  /** Orders in the stage longer than its threshold (by their stage's own start), oldest first, at most a few. */
  overdue: OverdueOrder[];
}

/** History reads per stage and sweep: the alert names the oldest, the rest are counted. */
const OVERDUE_SAMPLE = 20;

const runningIn = (merchantId: string, stage: string, ...more: string[]) =>
  orderQuery(merchantId, 'ExecutionStatus = "Running"', `OrderStage = ${quote(stage)}`, ...more);

export async function stageAges(client: Client, merchantId: string, stages: string[], thresholds: Readonly<Record<string, number>>, now = new Date()): Promise<StageAge[]> {
  const ages: StageAge[] = [];
  for (const stage of stages) {
    const running = (await client.workflow.count(runningIn(merchantId, stage))).count;
    const thresholdMs = thresholds[stage];
    const oldestStartAgeMs = running === 0 ? 0 : await oldestStartAge(client, (cutoff) => runningIn(merchantId, stage, startedBefore(cutoff)), now);
    const overdue = thresholdMs === undefined || oldestStartAgeMs <= thresholdMs ? [] : await overdueIn(client, runningIn(merchantId, stage, startedBefore(new Date(now.getTime() - thresholdMs))), thresholdMs, now);
    ages.push({ stage, running, oldestStartAgeMs, thresholdMs, overdue });
  }
  return ages;
}

async function overdueIn(client: Client, query: string, thresholdMs: number, now: Date): Promise<OverdueOrder[]> {
  const candidates = await listOrderRuns(client, query, OVERDUE_SAMPLE);
  const overdue: OverdueOrder[] = [];
  for (const run of candidates) {
    const ageMs = now.getTime() - (await stageSince(client, run)).getTime();
    if (ageMs > thresholdMs) overdue.push({ orderId: run.orderId ?? run.workflowId, workflowId: run.workflowId, runId: run.runId, ageMs });
  }
  return overdue.sort((a, b) => b.ageMs - a.ageMs);
}

const MINUTE = 60_000;
/** Ages are told apart to within ~5% (each refinement halves the ratio's exponent). */
const REFINE_STEPS = 5;
const MAX_BUCKET = 12; // 4^12 minutes: ~32 years

/**
 * The age of the oldest run a query finds, from counts alone: grow a cutoff 4x at a time until nothing is older,
 * then bisect between the last two cutoffs on a log scale.
 */
async function oldestStartAge(client: Client, olderThan: (cutoff: Date) => string, now: Date): Promise<number> {
  const anyOlder = async (ageMs: number) => (await client.workflow.count(olderThan(new Date(now.getTime() - ageMs)))).count > 0;
  if (!(await anyOlder(MINUTE))) return MINUTE / 2;
  let low = MINUTE;
  let k = 1;
  while (k <= MAX_BUCKET && (await anyOlder(MINUTE * 4 ** k))) {
    low = MINUTE * 4 ** k;
    k += 1;
  }
  let high = low * 4;
  for (let i = 0; i < REFINE_STEPS; i += 1) {
    const mid = Math.sqrt(low * high);
    if (await anyOlder(mid)) low = mid;
    else high = mid;
  }
  return Math.round(Math.sqrt(low * high));
}
