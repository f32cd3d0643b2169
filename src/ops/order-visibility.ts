import { setTimeout as delay } from 'node:timers/promises';
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { z } from 'zod';
import { OrderStageKey, ShipStationOrderId, UltraCartMerchantId, UltraCartOrderId, statusQuery, type OrderStage } from '../contract';

/**
 * What the on-call tools (orders list, alerts sweep, reconciliation, metrics) read about order workflows, from
 * Temporal's visibility API: ids, stage, times. Never customer data: the search attributes carry none.
 */
export interface OrderRun {
  workflowId: string;
  runId: string;
  orderId: string | undefined;
  merchantId: string | undefined;
  stage: string | undefined;
  shipStationOrderId: number | undefined;
  /** RUNNING, COMPLETED, FAILED, TERMINATED, ... */
  status: string;
  startTime: Date;
  closeTime: Date | undefined;
}

/** A string literal for a visibility query. */
export const quote = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The query for one merchant's order workflows, with more conditions ANDed on. */
export function orderQuery(merchantId: string, ...conditions: string[]): string {
  return ['WorkflowType = "orderWorkflow"', `UltraCartMerchantId = ${quote(merchantId)}`, ...conditions].join(' AND ');
}

/** Visibility dates are UTC RFC 3339. */
export const startedBefore = (at: Date): string => `StartTime < ${quote(at.toISOString())}`;

export function toOrderRun(info: WorkflowExecutionInfo): OrderRun {
  const attrs = info.typedSearchAttributes;
  const ssId = attrs.get(ShipStationOrderId);
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    orderId: attrs.get(UltraCartOrderId),
    merchantId: attrs.get(UltraCartMerchantId),
    stage: attrs.get(OrderStageKey),
    shipStationOrderId: ssId === undefined || ssId === '' ? undefined : Number(ssId),
    status: info.status.name,
    startTime: info.startTime,
    closeTime: info.closeTime,
  };
}

/** Up to `limit` runs matching `query`, newest first (visibility's own order). */
export async function listOrderRuns(client: Client, query: string, limit = Number.POSITIVE_INFINITY): Promise<OrderRun[]> {
  const runs: OrderRun[] = [];
  if (limit <= 0) return runs;
  for await (const info of client.workflow.list({ query, pageSize: Math.min(1000, Number.isFinite(limit) ? limit : 1000) })) {
    runs.push(toOrderRun(info));
    if (runs.length >= limit) break;
  }
  return runs;
}

const ID_CHUNK = 50;

/** Closed for good: a continued-as-new run goes on in its next run. */
const CLOSED = '("Completed", "Failed", "Terminated", "Canceled", "TimedOut")';

/**
 * Waits until every one of these order workflows has left `stage` (running in another stage, or closed since
 * `sinceMs`), at most `maxWaitMs`, asking visibility every `everyMs` (never the workflows themselves), or until
 * `done` aborts (the caller learnt it sooner). Counted positively: a workflow started a moment ago whose record
 * visibility has not indexed yet is not taken for one that left. Says how many still had not, and how long it waited.
 */
export async function untilLeftStage(
  client: Client,
  workflowIds: string[],
  stage: OrderStage,
  sinceMs: number,
  maxWaitMs: number,
  everyMs = 250,
  done?: AbortSignal,
): Promise<{ still: number; waitedMs: number }> {
  const started = Date.now();
  const ids = [...new Set(workflowIds)];
  if (ids.length === 0) return { still: 0, waitedMs: 0 };
  const these = `WorkflowId IN (${ids.map(quote).join(', ')})`;
  const moved = `${these} AND ExecutionStatus = "Running" AND ${OrderStageKey.name} != ${quote(stage)}`;
  const closed = `${these} AND ExecutionStatus IN ${CLOSED} AND CloseTime >= ${quote(new Date(sinceMs).toISOString())}`;
  for (;;) {
    if (done?.aborted) return { still: 0, waitedMs: Date.now() - started };
    const [a, b] = await Promise.all([client.workflow.count(moved), client.workflow.count(closed)]);
    const still = Math.max(0, ids.length - a.count - b.count);
    const waitedMs = Date.now() - started;
    if (still === 0 || waitedMs >= maxWaitMs) return { still, waitedMs };
    // An abort ends the pause early; the loop's first line then returns.
    await delay(Math.min(everyMs, maxWaitMs - waitedMs), undefined, { signal: done }).catch(() => undefined);
  }
}

/** The latest run of each workflow id (closed ones included); ids with no run are absent from the map. */
export async function latestRuns(client: Client, workflowIds: string[]): Promise<Map<string, OrderRun>> {
  const latest = new Map<string, OrderRun>();
  const unique = [...new Set(workflowIds)];
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    const chunk = unique.slice(i, i + ID_CHUNK);
    const query = `WorkflowType = "orderWorkflow" AND WorkflowId IN (${chunk.map(quote).join(', ')})`;
    for (const run of await listOrderRuns(client, query)) {
      const seen = latest.get(run.workflowId);
      if (!seen || seen.startTime < run.startTime) latest.set(run.workflowId, run);
    }
  }
  return latest;
}

/** The parts of the order workflow's `status` query these tools read; other fields may come and go. */
const statusSchema = z.looseObject({
  stage: z.string(),
  reason: z.string().nullish(),
  lastError: z.string().nullish(),
  attempts: z.number().nullish(),
});
export type OrderStatusSummary = z.infer<typeof statusSchema>;

/** A reason without the "order <id>: " it often starts with, for lines that name the order already. */
export const reasonOf = (orderId: string, reason: string): string => (reason.startsWith(`order ${orderId}: `) ? reason.slice(`order ${orderId}: `.length) : reason);

/** The workflow's own account of itself; undefined when it cannot answer (closed long ago, no worker). */
export async function queryStatus(client: Client, workflowId: string, runId?: string): Promise<OrderStatusSummary | undefined> {
  try {
    const parsed = statusSchema.safeParse(await client.workflow.getHandle(workflowId, runId).query(statusQuery));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When the run entered the stage it is in: the last OrderStage change in its history (its start when it never
 * changed). Reads the history, so callers use it for a few orders (the oldest), not for every one.
 */
export async function stageSince(client: Client, run: Pick<OrderRun, 'workflowId' | 'runId' | 'startTime'>): Promise<Date> {
  const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
  for (const event of [...(history.events ?? [])].reverse()) {
    const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
    if (fields && OrderStageKey.name in fields && event.eventTime?.seconds != null) {
      return new Date(Number(event.eventTime.seconds) * 1000 + Math.floor((event.eventTime.nanos ?? 0) / 1e6));
    }
  }
  return run.startTime;
}
