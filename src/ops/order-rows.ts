import type { Client } from '@temporalio/client';
import { listOrderRuns, orderQuery, queryStatus, quote, reasonOf, stageSince, type OrderRun } from './order-visibility';
import { PARKED_STAGE, requeueStep } from './stages';
import type { TransportKind } from '../ultracart/transport';

/** One line of `ucship orders`: what an on-call engineer wants first. */
export interface OrderRow {
  orderId: string;
  stage: string;
  /** Time in the current stage (open orders), or since the workflow closed. */
  ageMs: number;
  reason: string | undefined;
  next: string;
  workflowId: string;
  workflowStatus: string;
}

export interface OrderListOptions {
  stage?: string;
  /** Only orders whose workflow started this long ago or later. */
  sinceMs?: number;
  limit: number;
}

/** Whose orders, and the UltraCart transport (which decides how a parked order is requeued). */
export interface OrderScope {
  merchantId: string;
  transport: TransportKind;
}

/** What to do about an order in a stage; the requeue line is the one to copy. */
export function nextAction(stage: string, orderId: string, lastError: string | undefined, transport: OrderScope['transport']): string {
  switch (stage) {
    case PARKED_STAGE:
      return `fix it in UltraCart, then: ${requeueStep(transport, orderId)}`;
    case 'awaiting_shipment':
      return 'buy the label in ShipStation';
    case 'importing':
    case 'writing_back':
    case 'retrying':
      return lastError ? 'wait: retrying (see the reason); check the alerts for refused credentials' : 'wait';
    case 'cancelled':
      return 'none';
    default:
      return 'none (watching for voids)';
  }
}

/** Open orders (or every order in `stage`, closed ones too), newest first, with their reason and next step. */
export async function listOrders(client: Client, scope: OrderScope, opts: OrderListOptions, now = new Date()): Promise<OrderRow[]> {
  const conditions = [opts.stage === undefined ? 'ExecutionStatus = "Running"' : `OrderStage = ${quote(opts.stage)}`];
  if (opts.sinceMs !== undefined) conditions.push(`StartTime > ${quote(new Date(now.getTime() - opts.sinceMs).toISOString())}`);
  const runs = await listOrderRuns(client, orderQuery(scope.merchantId, ...conditions), opts.limit);
  const rows: OrderRow[] = [];
  for (const run of runs) rows.push(await rowOf(client, run, scope.transport, now));
  return rows;
}

async function rowOf(client: Client, run: OrderRun, transport: OrderScope['transport'], now: Date): Promise<OrderRow> {
  const orderId = run.orderId ?? run.workflowId;
  const open = run.status === 'RUNNING';
  const status = open ? await queryStatus(client, run.workflowId, run.runId) : undefined;
  const stage = status?.stage ?? run.stage ?? 'unknown';
  const since = open ? await stageSince(client, run).catch(() => run.startTime) : (run.closeTime ?? run.startTime);
  const lastError = status?.lastError ?? undefined;
  const reason = status?.reason ?? lastError;
  return {
    orderId,
    stage,
    ageMs: Math.max(0, now.getTime() - since.getTime()),
    reason: reason === undefined ? undefined : reasonOf(orderId, reason),
    next: nextAction(stage, orderId, lastError, transport),
    workflowId: run.workflowId,
    workflowStatus: run.status,
  };
}

/** 45 s, 12 min, 5 h, 3 d. */
export function formatAge(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/** A plain text table: columns padded to their widest cell, the last one left free. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
