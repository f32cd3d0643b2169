import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { Metrics } from '../http/metrics';
import type { Logger } from '../logger';
import { alertMessage, isSlackWebhook, webhookBody } from '../ops/alert-format';
import { listOrderRuns, orderQuery, queryStatus, reasonOf } from '../ops/order-visibility';
import { stageAges } from '../ops/stage-ages';
import { PARKED_STAGE, RETRYING_STAGE, reasonClass, requeueStep } from '../ops/stages';
import { retryNowSignal, type AlertItem, type AlertKind } from '../contract';

export interface ParkedOrder {
  key: string;
  orderId: string;
  reason: string;
  reasonClass: string;
  /** The step that requeues it once fixed, for the UltraCart transport in use. */
  action: string;
}

export interface OverdueStage {
  stage: string;
  thresholdMs: number;
  count: number;
  oldestOrderId: string;
  oldestAgeMs: number;
}

export interface SweepResult {
  /** Parked orders not in `known`, with their reasons. */
  newlyParked: ParkedOrder[];
  /** Every order parked now: key → reason class (known ones keep theirs). */
  parked: Record<string, string>;
  overdue: OverdueStage[];
}

/** Parked orders looked up per sweep (a query each); more wait for the next sweep. */
const NEW_PARKED_PER_SWEEP = 100;
const MAX_PARKED_LISTED = 5_000;
const DELIVERY_TIMEOUT_MS = 10_000;

export const parkedKey = (workflowId: string, runId: string): string => `${workflowId}/${runId}`;

/** The alerts sweep's activities: what visibility shows (and the metrics it updates), and delivery. */
export function createAlertActivities(deps: { temporal: Client; config: Config; metrics?: Metrics; logger?: Logger; fetch?: typeof fetch }) {
  const { merchantId } = deps.config.ultracart;
  const post = deps.fetch ?? fetch;

  return {
    async sweepOrders(input: { known: Record<string, string>; thresholds: Record<string, number> }): Promise<SweepResult> {
      const runs = await listOrderRuns(deps.temporal, orderQuery(merchantId, 'ExecutionStatus = "Running"', `OrderStage = "${PARKED_STAGE}"`), MAX_PARKED_LISTED);
      const parked: Record<string, string> = {};
      const newlyParked: ParkedOrder[] = [];
      for (const run of runs) {
        const key = parkedKey(run.workflowId, run.runId);
        const knownClass = input.known[key];
        if (knownClass !== undefined) {
          parked[key] = knownClass;
          continue;
        }
        if (newlyParked.length >= NEW_PARKED_PER_SWEEP) continue;
        const status = await queryStatus(deps.temporal, run.workflowId, run.runId);
        if (status && status.stage !== PARKED_STAGE) continue; // requeued since visibility was written
        const reason = status?.reason ?? status?.lastError ?? 'no reason given (the workflow did not answer its status query)';
        const orderId = run.orderId ?? run.workflowId;
        const order: ParkedOrder = { key, orderId, reason: reasonOf(orderId, reason), reasonClass: reasonClass(reason), action: requeueStep(deps.config.ultracart.transport, orderId) };
        newlyParked.push(order);
        parked[key] = order.reasonClass;
        deps.metrics?.parks.inc({ reason_class: order.reasonClass });
      }

      const stages = [...new Set([...Object.keys(input.thresholds), PARKED_STAGE])];
      const ages = await stageAges(deps.temporal, merchantId, stages, input.thresholds);
      const overdue: OverdueStage[] = [];
      for (const age of ages) {
        deps.metrics?.ordersInStage.set({ stage: age.stage }, age.running);
        deps.metrics?.oldestInStage.set({ stage: age.stage }, age.oldestStartAgeMs / 1000);
        deps.metrics?.overdueInStage.set({ stage: age.stage }, age.overdue.length);
        const [oldest] = age.overdue;
        if (oldest && age.thresholdMs !== undefined) overdue.push({ stage: age.stage, thresholdMs: age.thresholdMs, count: age.overdue.length, oldestOrderId: oldest.orderId, oldestAgeMs: oldest.ageMs });
      }
      if (deps.metrics) {
        deps.metrics.parked.reset();
        for (const cls of Object.values(parked)) deps.metrics.parked.inc({ reason_class: cls });
      }
      return { newlyParked, parked, overdue };
    },

    /**
     * After a refused key works again: every order waiting as `retrying` because of it runs its retry now,
     * instead of at its backoff (up to an hour away). Returns how many were told.
     */
    async resumeCredentialWaits(): Promise<number> {
      const runs = await listOrderRuns(deps.temporal, orderQuery(merchantId, 'ExecutionStatus = "Running"', `OrderStage = "${RETRYING_STAGE}"`), MAX_PARKED_LISTED);
      let resumed = 0;
      for (const run of runs) {
        const status = await queryStatus(deps.temporal, run.workflowId, run.runId);
        if (!status || reasonClass(status.reason ?? status.lastError) !== 'credentials') continue;
        await deps.temporal.workflow.getHandle(run.workflowId).signal(retryNowSignal, { source: 'credentials accepted again' });
        resumed += 1;
      }
      return resumed;
    },

    /** One message for one kind. Without ALERT_WEBHOOK_URL the alert is logged instead. */
    async deliverAlert(input: { kind: AlertKind; items: AlertItem[] }): Promise<'sent' | 'logged'> {
      const message = alertMessage(input.kind, input.items, merchantId);
      const url = deps.config.alerts.webhookUrl;
      if (url === undefined) {
        deps.logger?.warn({ alert: input.kind, title: message.title, lines: message.lines }, 'alert (ALERT_WEBHOOK_URL not set)');
        deps.metrics?.alerts.inc({ kind: input.kind, outcome: 'logged' });
        return 'logged';
      }
      try {
        const res = await post(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(webhookBody(message, isSlackWebhook(url), new Date())),
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        });
        // The URL may hold a token (Slack's do): name only the status.
        if (!res.ok) throw new Error(`the alert webhook answered HTTP ${res.status}`);
      } catch (err) {
        deps.metrics?.alerts.inc({ kind: input.kind, outcome: 'failed' });
        const why = err instanceof Error && err.message.startsWith('the alert webhook') ? err.message : 'the alert webhook could not be reached';
        throw new Error(why);
      }
      deps.metrics?.alerts.inc({ kind: input.kind, outcome: 'sent' });
      return 'sent';
    },
  };
}
export type AlertActivities = ReturnType<typeof createAlertActivities>;
