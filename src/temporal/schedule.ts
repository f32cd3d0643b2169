import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import type { Priority } from '@temporalio/common';
import type { Config } from '../config';
import { ingestScheduleId, reconcileScheduleId, shipmentSweepScheduleId, voidSweepScheduleId } from '../contract';
import { RECONCILE_RECENT_GRACE_MS, reconcileInput } from './ops-workflows';

/** The client sends a start action's priority but its option type leaves the field out. */
type ScheduleAction = Omit<ScheduleOptionsAction, 'type' | 'workflowId'> & { priority?: Priority };

/** A Schedule created or brought up to date at every start-up (idempotent); overlapping runs are skipped. */
async function ensureSchedule(client: Client, scheduleId: string, everyMs: number, action: ScheduleAction): Promise<string> {
  const spec = { intervals: [{ every: everyMs }] };
  const fullAction: ScheduleOptionsAction = { ...action, type: 'startWorkflow', workflowId: `${scheduleId}-run` };
  const handle = client.schedule.getHandle(scheduleId);
  const update = () => handle.update((previous) => ({ ...previous, spec, action: fullAction, policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP } }));
  try {
    await update();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    try {
      await client.schedule.create({ scheduleId, spec, action: fullAction, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' } });
    } catch (createErr) {
      // Another process starting at the same moment (a second worker, a compose replica) created it first.
      if (!(createErr instanceof ScheduleAlreadyRunning)) throw createErr;
      await update();
    }
  }
  return scheduleId;
}

/**
 * The ingest runs ahead of the order workflows on their shared task queue (Temporal's task priority; its
 * activities inherit it): in a wave of write-backs, hundreds of order tasks wait there, and the next batch
 * would wait behind all of them. A server without task priority runs it in turn, as before.
 */
export const INGEST_PRIORITY = { priorityKey: 1 } as const;

/** The ingest Schedule: one UltraCart batch every INGEST_INTERVAL. */
export function ensureIngestSchedule(client: Client, config: Config): Promise<string> {
  const { merchantId, dcCode } = config.ultracart;
  return ensureSchedule(client, ingestScheduleId(merchantId, dcCode), config.ingestIntervalMs, {
    workflowType: 'ingestWorkflow',
    taskQueue: config.temporal.taskQueue,
    priority: INGEST_PRIORITY,
    args: [],
    staticSummary: `UltraCart ingest for merchant ${merchantId}, DC ${dcCode}`,
  });
}

/** A sweep's Schedule, per merchant and DC: each run looks back two intervals, so one skipped run loses nothing. */
function ensureSweepSchedule(client: Client, config: Config, sweep: { scheduleId: (merchantId: string, dcCode: string) => string; everyMs: number; workflowType: string; what: string }): Promise<string> {
  const { merchantId, dcCode } = config.ultracart;
  return ensureSchedule(client, sweep.scheduleId(merchantId, dcCode), sweep.everyMs, {
    workflowType: sweep.workflowType,
    taskQueue: config.temporal.taskQueue,
    args: [2 * sweep.everyMs],
    staticSummary: `${sweep.what}, for merchant ${merchantId}, DC ${dcCode}`,
  });
}

/** The void-sweep Schedule: the labels voided lately (voids send no webhook). */
export function ensureVoidSweepSchedule(client: Client, config: Config): Promise<string> {
  return ensureSweepSchedule(client, config, { scheduleId: voidSweepScheduleId, everyMs: config.voidSweepIntervalMs, workflowType: 'voidSweepWorkflow', what: 'ShipStation labels voided lately' });
}

/** The shipment-sweep Schedule: labels, "mark as shipped" fulfillments and cancels in ShipStation, for all orders at once. */
export function ensureShipmentSweepSchedule(client: Client, config: Config): Promise<string> {
  return ensureSweepSchedule(client, config, {
    scheduleId: shipmentSweepScheduleId,
    everyMs: config.shipmentSweepIntervalMs,
    workflowType: 'shipmentSweepWorkflow',
    what: 'ShipStation shipments and cancels lately',
  });
}

/** The reconciliation Schedule: every RECONCILE_INTERVAL, looking back a week (one run's listing is paged). */
export function ensureReconcileSchedule(client: Client, config: Config): Promise<string> {
  const { merchantId, dcCode } = config.ultracart;
  return ensureSchedule(client, reconcileScheduleId(merchantId, dcCode), config.reconcileIntervalMs, {
    workflowType: 'reconcileWorkflow',
    taskQueue: config.temporal.taskQueue,
    args: [reconcileInput(config, { recentGraceMs: RECONCILE_RECENT_GRACE_MS })],
    staticSummary: `reconcile ShipStation with the order workflows, merchant ${merchantId}, DC ${dcCode}`,
  });
}

/**
 * `ucship ingest --now`: run the ingest at once instead of waiting for the next interval. While a run is under
 * way, one more follows it (two runs side by side would read and start the same batch twice).
 */
export async function triggerIngest(client: Client, config: Config): Promise<void> {
  await client.schedule.getHandle(ingestScheduleId(config.ultracart.merchantId, config.ultracart.dcCode)).trigger(ScheduleOverlapPolicy.BUFFER_ONE);
}
