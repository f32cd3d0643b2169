import { proxyActivities } from '@temporalio/workflow';
import type { IngestActivities, IngestReport } from '../activities/ingest';
import { ULTRACART_ACTIVITY } from './retry-policies';

const { ingestQueuedOrders } = proxyActivities<IngestActivities>({ ...ULTRACART_ACTIVITY, summary: 'read the UltraCart queue and start order workflows' });

/** Run by the ingest Schedule every INGEST_INTERVAL (overlaps skipped): one UltraCart batch per run. */
export async function ingestWorkflow(): Promise<IngestReport> {
  return ingestQueuedOrders();
}
