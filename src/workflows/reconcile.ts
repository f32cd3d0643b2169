import { getExternalWorkflowHandle, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { HealedFinding, ReconcileFindActivities, ReconcileHealActivities } from '../activities/reconcile';
import { countByKind, type FindingKind } from '../ops/reconcile-compare';
import { alertsWorkflowId, raiseAlertsSignal, type AlertItem, type ReconcileInput } from '../contract';
import { OPS_ACTIVITY, RECONCILE_FIND_ACTIVITY, shipStationTaskQueue } from './retry-policies';

export interface ReconcileReport {
  since: string;
  /** ShipStation orders modified since then, and those carrying this merchant's orderKey. */
  examined: number;
  ours: number;
  shipStationCalls: number;
  byKind: Partial<Record<FindingKind, number>>;
  healed: number;
  reported: number;
  deferred: number;
  /** Findings beyond the listed ones (a mass problem), counted only. */
  omitted: number;
  findings: HealedFinding[];
}

const heal = proxyActivities<ReconcileHealActivities>({ ...OPS_ACTIVITY, summary: 'heal what can be healed safely' });

/**
 * Compares ShipStation's orders (modified in the window) with the order workflows, heals what it safely can
 * (tells a workflow to look again, starts one for an orphan UltraCart knows) and reports the rest, to the
 * alerts and in its result. Run by its Schedule (RECONCILE_INTERVAL) and by `ucship reconcile`.
 */
export async function reconcileWorkflow(input: ReconcileInput): Promise<ReconcileReport> {
  const find = proxyActivities<ReconcileFindActivities>({
    ...RECONCILE_FIND_ACTIVITY,
    taskQueue: shipStationTaskQueue(workflowInfo().taskQueue),
    summary: 'list ShipStation orders (spare calls only) and compare them with the workflows',
  });
  const sinceMs = input.sinceMs ?? Date.now() - input.lookbackMs;
  const found = await find.findReconcileFindings({ sinceMs, thresholds: input.thresholds, recentGraceMs: input.recentGraceMs });
  const findings = await heal.healFindings({ findings: found.findings, limit: input.healLimit });
  const left = findings.filter((f) => f.outcome !== 'healed');
  if (left.length > 0 || found.omitted > 0) await tellAlerts(input, left, found.omitted);
  const outcomes = (o: HealedFinding['outcome']) => findings.filter((f) => f.outcome === o).length;
  return {
    since: new Date(sinceMs).toISOString(),
    examined: found.examined,
    ours: found.ours,
    shipStationCalls: found.shipStationCalls,
    byKind: countByKind(findings),
    healed: outcomes('healed'),
    reported: outcomes('reported'),
    deferred: outcomes('deferred'),
    omitted: found.omitted,
    findings,
  };
}

async function tellAlerts(input: ReconcileInput, left: HealedFinding[], omitted: number): Promise<void> {
  const items: AlertItem[] = left.map((f) => ({
    kind: 'reconcile_findings',
    subject: `order ${f.orderId}`,
    text: `${f.kind.replace(/_/g, ' ')}: ${f.detail} (${f.action})`,
    action: `ucship status ${f.orderId}`,
  }));
  if (omitted > 0) items.push({ kind: 'reconcile_findings', subject: 'more', text: `${omitted} further findings not listed`, action: 'ucship reconcile --json' });
  try {
    await getExternalWorkflowHandle(alertsWorkflowId(input.merchantId, input.dcCode)).signal(raiseAlertsSignal, items);
  } catch {
    // No alerts workflow running (a bare test, a stopped deployment): the report still says it all.
  }
}
