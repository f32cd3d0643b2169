import { WorkflowIdConflictPolicy, WorkflowNotFoundError, type Client, type WorkflowStartOptions } from '@temporalio/client';
import type { Config } from '../config';
import type { ApiSide } from '../ops/api-calls';
import type { alertsWorkflow } from '../workflows/alerts';
import { alertsWorkflowId, credentialStateSignal, type AlertsInput, type ReconcileInput } from '../contract';
import type { ReconcileReport, reconcileWorkflow } from '../workflows/reconcile';

/** Heals per reconciliation run; each may cost its order a ShipStation poll (two calls). */
export const RECONCILE_HEAL_LIMIT = 25;
/** What the scheduled reconciliation looks back over (`ucship reconcile --since` chooses its own). */
export const RECONCILE_LOOKBACK_MS = 7 * 86_400_000;
/**
 * The Schedule's runs leave alone what ShipStation changed this recently (a label whose SHIP_NOTIFY and
 * write-back are on their way): during a wave of labels they would page someone for nothing and spend the
 * orders' budget on polls. A person's `ucship reconcile` looks at everything.
 */
export const RECONCILE_RECENT_GRACE_MS = 15 * 60_000;

function alertsInput(config: Config): AlertsInput {
  const { merchantId, dcCode } = config.ultracart;
  return { merchantId, dcCode, intervalMs: config.alerts.intervalMs, thresholds: config.stageThresholdsMs };
}

function alertsStart(config: Config): WorkflowStartOptions<typeof alertsWorkflow> {
  const { merchantId, dcCode } = config.ultracart;
  return {
    workflowId: alertsWorkflowId(merchantId, dcCode),
    taskQueue: config.temporal.taskQueue,
    args: [alertsInput(config)],
    // One outbox per merchant and DC: a second start joins the running one.
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    staticSummary: `alerts for merchant ${merchantId}, DC ${dcCode}`,
  };
}

/** Started at every start-up; already running (another process, an earlier start) is fine. */
export async function ensureAlertsWorkflow(client: Client, config: Config): Promise<string> {
  const handle = await client.workflow.start('alertsWorkflow', alertsStart(config));
  return handle.workflowId;
}

/**
 * Tells the alerts workflow that a side refuses or accepts the credentials again. It is not started from here:
 * `ucship start` starts it, and a process that only checks its credentials (a test, a refused start-up) must
 * not leave one running.
 */
export async function reportCredentialState(client: Client, config: Config, side: ApiSide, refused: boolean): Promise<void> {
  const { merchantId, dcCode } = config.ultracart;
  try {
    await client.workflow.getHandle(alertsWorkflowId(merchantId, dcCode)).signal(credentialStateSignal, { side, refused });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

export function reconcileInput(config: Config, opts: { lookbackMs?: number; sinceMs?: number; recentGraceMs?: number } = {}): ReconcileInput {
  const { merchantId, dcCode } = config.ultracart;
  return {
    merchantId,
    dcCode,
    lookbackMs: opts.lookbackMs ?? RECONCILE_LOOKBACK_MS,
    sinceMs: opts.sinceMs,
    thresholds: config.stageThresholdsMs,
    healLimit: RECONCILE_HEAL_LIMIT,
    recentGraceMs: opts.recentGraceMs ?? 0,
  };
}

/** `ucship reconcile`: one run now, waited for. */
export function reconcileNow(client: Client, config: Config, lookbackMs: number): Promise<ReconcileReport> {
  const { merchantId, dcCode } = config.ultracart;
  return client.workflow.execute<typeof reconcileWorkflow>('reconcileWorkflow', {
    workflowId: `ucship-reconcile-${merchantId}-${dcCode}-now-${Date.now()}`,
    taskQueue: config.temporal.taskQueue,
    args: [reconcileInput(config, { lookbackMs })],
    staticSummary: `reconciliation on demand, merchant ${merchantId}, DC ${dcCode}`,
  });
}
