import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { Config } from '../config';
import { IntegrationError } from '../errors';
import type { Metrics } from '../http/metrics';
import { latestRuns } from '../ops/order-visibility';
import { compare, type Finding, type ShipStationOrderFacts } from '../ops/reconcile-compare';
import { stageAges } from '../ops/stage-ages';
import type { ShipStationClient } from '../shipstation/client';
import { pacificToEpochMs } from '../shipstation/pacific-time';
import type { ShipStationOrder } from '../shipstation/schemas';
import type { UltraCartTransport } from '../ultracart/transport';
import { orderWorkflowId, parseOrderKey, shipmentNotifiedSignal } from '../contract';
import { sightOrder } from '../ops/order-sighting';
import { backgroundReserve, untilSpareRequest } from './spare-budget';

export interface FindResult {
  /** ShipStation orders modified in the window, and how many carry this merchant's orderKey. */
  examined: number;
  ours: number;
  shipStationCalls: number;
  findings: Finding[];
  /** Findings left out of `findings` to keep the result small (counted, not listed). */
  omitted: number;
}

export type HealOutcome = 'healed' | 'reported' | 'deferred';
export interface HealedFinding extends Finding {
  outcome: HealOutcome;
  /** What was done, or why nothing could be. */
  action: string;
}

/** Findings listed in one result; a mass problem (thousands of orphans) is counted beyond this. */
const MAX_FINDINGS = 500;
/** How long a run waits for ShipStation calls nobody else needs before it gives up until the next run. */
const MAX_BUDGET_WAIT_MS = 30 * 60_000;

const advancedSchema = z.looseObject({ parentId: z.number().nullish(), mergedOrSplit: z.boolean().nullish() }).nullish().catch(undefined);

function facts(order: ShipStationOrder): ShipStationOrderFacts {
  const advanced = advancedSchema.parse((order as { advancedOptions?: unknown }).advancedOptions);
  return {
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    orderKey: order.orderKey,
    orderStatus: order.orderStatus,
    splitOrMerged: Boolean(advanced?.mergedOrSplit) || (advanced?.parentId ?? null) !== null,
    modifiedAtMs: modifiedAt(order.modifyDate),
  };
}

function modifiedAt(modifyDate: string | null | undefined): number | undefined {
  if (!modifyDate) return undefined;
  try {
    return pacificToEpochMs(modifyDate);
  } catch {
    return undefined; // a date we cannot read: judged as of old, as before
  }
}

/** The reconciliation's two steps: find (ShipStation queue, paced by the client's gate) and heal (main queue). */
export function createReconcileFindActivities(deps: { shipstation: Pick<ShipStationClient, 'listOrdersModifiedSince' | 'spareRequests'>; temporal: Client; config: Config }) {
  const { merchantId } = deps.config.ultracart;
  const reserve = backgroundReserve(deps.config.shipstation.rateLimitPerMinute);

  /** Waits until this process could send a request without delaying anyone, above the reserve. */
  async function spareCall(): Promise<void> {
    if (await untilSpareRequest(deps.shipstation, reserve, MAX_BUDGET_WAIT_MS)) return;
    throw new IntegrationError('ReconcileNoSpareBudget', `no spare ShipStation requests for ${MAX_BUDGET_WAIT_MS / 60_000} minutes: the orders need them all; the next run tries again`, { retryable: false });
  }

  return {
    /** `recentGraceMs`: orders ShipStation changed that recently are left to a later run. */
    async findReconcileFindings(input: { sinceMs: number; thresholds: Record<string, number>; recentGraceMs?: number }): Promise<FindResult> {
      let calls = 0;
      const orders = (
        await deps.shipstation.listOrdersModifiedSince(input.sinceMs, async () => {
          await spareCall();
          calls += 1;
        })
      ).map(facts);
      const orderIdOfKey = (key: string | null) => {
        const parsed = parseOrderKey(key);
        return parsed && parsed.merchantId === merchantId ? parsed.orderId : undefined;
      };
      const ourIds = [...new Set(orders.map((o) => orderIdOfKey(o.orderKey)).filter((id): id is string => id !== undefined))];
      const byWorkflow = await latestRuns(deps.temporal, ourIds.map((id) => orderWorkflowId(merchantId, id)));
      const runs = new Map(ourIds.flatMap((id) => {
        const run = byWorkflow.get(orderWorkflowId(merchantId, id));
        return run ? [[id, { status: run.status, stage: run.stage, shipStationOrderId: run.shipStationOrderId }] as const] : [];
      }));
      const findings = compare({ merchantId, orders, runs, orderIdOfKey, recentSinceMs: input.recentGraceMs ? Date.now() - input.recentGraceMs : undefined });
      for (const age of await stageAges(deps.temporal, merchantId, Object.keys(input.thresholds), input.thresholds)) {
        for (const o of age.overdue) {
          findings.push({
            kind: 'stuck',
            orderId: o.orderId,
            shipStationOrderIds: [],
            stage: age.stage,
            detail: `in ${age.stage} for ${Math.round(o.ageMs / 60_000)} min (threshold ${Math.round((age.thresholdMs ?? 0) / 60_000)} min)`,
            remedy: 'report',
          });
        }
      }
      return { examined: orders.length, ours: ourIds.length, shipStationCalls: calls, findings: findings.slice(0, MAX_FINDINGS), omitted: Math.max(0, findings.length - MAX_FINDINGS) };
    },
  };
}

export function createReconcileHealActivities(deps: { ultracart: Pick<UltraCartTransport, 'getOrder'>; temporal: Client; config: Config; metrics?: Metrics }) {
  const { merchantId } = deps.config.ultracart;
  const lookAgain = (orderId: string) => deps.temporal.workflow.getHandle(orderWorkflowId(merchantId, orderId)).signal(shipmentNotifiedSignal, { shipments: [] });

  async function heal(f: Finding): Promise<Pick<HealedFinding, 'outcome' | 'action'>> {
    if (f.remedy === 'look_again') {
      try {
        await lookAgain(f.orderId);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        return { outcome: 'reported', action: 'its workflow ended meanwhile' };
      }
      return { outcome: 'healed', action: 'told the workflow to look at ShipStation again' };
    }
    if (f.remedy !== 'start_workflow') return { outcome: 'reported', action: 'left to a person' };
    // REST has no per-order fetch: the workflow starts without data and parks asking for a requeue in UltraCart.
    try {
      await deps.ultracart.getOrder?.(f.orderId);
    } catch (err) {
      if (err instanceof IntegrationError && err.kind === 'UltraCartUnknownOrder') return { outcome: 'reported', action: 'UltraCart has no such order: not started' };
      // Malformed data still ties it to UltraCart: its workflow parks it with the reason, in plain sight.
      if (err instanceof IntegrationError) return { outcome: 'reported', action: `UltraCart could not be asked (${err.kind}): not started` };
    }
    await sightOrder(deps.temporal, deps.config, f.orderId, { source: 'reconcile' });
    // Already shipped: the new workflow looks for the labels at once instead of at its first poll.
    if (f.shipStationStatus === 'shipped') await lookAgain(f.orderId);
    return { outcome: 'healed', action: 'started its workflow (the order is in UltraCart)' };
  }

  return {
    /** Heals at most `limit` findings (each may cost the order's workflow a ShipStation poll); the rest wait. */
    async healFindings(input: { findings: Finding[]; limit: number }): Promise<HealedFinding[]> {
      const results: HealedFinding[] = [];
      let healing = 0;
      for (const f of input.findings) {
        let result: Pick<HealedFinding, 'outcome' | 'action'>;
        if (f.remedy !== 'report' && healing >= input.limit) result = { outcome: 'deferred', action: 'deferred to the next run (heal budget spent)' };
        else {
          if (f.remedy !== 'report') healing += 1;
          result = await heal(f);
        }
        deps.metrics?.reconcileFindings.inc({ kind: f.kind, outcome: result.outcome });
        results.push({ ...f, ...result });
      }
      return results;
    },
  };
}
export type ReconcileFindActivities = ReturnType<typeof createReconcileFindActivities>;
export type ReconcileHealActivities = ReturnType<typeof createReconcileHealActivities>;
