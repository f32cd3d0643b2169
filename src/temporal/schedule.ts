import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import type { Config } from '../config';
import { ingestScheduleId } from '../workflows/ids';

/** The ingest Schedule, created or brought up to date at every start-up (idempotent). */
export async function ensureIngestSchedule(client: Client, config: Config): Promise<string> {
  const scheduleId = ingestScheduleId(config.ultracart.merchantId, config.ultracart.dcCode);
  const spec = { intervals: [{ every: config.ingestIntervalMs }] };
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: 'ingestWorkflow',
    workflowId: `${scheduleId}-run`,
    taskQueue: config.temporal.taskQueue,
    args: [],
    staticSummary: `UltraCart ingest for merchant ${config.ultracart.merchantId}, DC ${config.ultracart.dcCode}`,
  };
  const handle = client.schedule.getHandle(scheduleId);
  try {
    await handle.update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP } }));
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' } });
  }
  return scheduleId;
}

/** `ucship ingest --now`: run the ingest at once instead of waiting for the next interval. */
export async function triggerIngest(client: Client, config: Config): Promise<void> {
  await client.schedule.getHandle(ingestScheduleId(config.ultracart.merchantId, config.ultracart.dcCode)).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
}
