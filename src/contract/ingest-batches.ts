import { BATCH_LIMIT } from '../ultracart/protocol';

/** What the ingest did with one UltraCart batch, or with all the batches of a run added up. */
export interface BatchCounts {
  /** Orders UltraCart handed out. */
  seen: number;
  /** New workflows (or new runs of finished ones). */
  started: number;
  /** Running workflows told the order was queued again after they acknowledged it. */
  requeued: number;
  /** Orders whose workflow is importing or retrying them: the same queue entry, nothing to do. */
  inProgress: number;
}

/**
 * A full batch that started new workflows: UltraCart may hold more, to be read once this one is acknowledged.
 * Sightings of orders already running can be stale (a parked order UltraCart still hands out): only new
 * workflows show that the queue moved.
 */
export const queueMoved = (batch: BatchCounts): boolean => batch.seen >= BATCH_LIMIT && batch.started > 0;

/** Adds one batch to a run's figures. */
export function addBatch(total: BatchCounts & { batches: number }, batch: BatchCounts): void {
  total.batches += 1;
  total.seen += batch.seen;
  total.started += batch.started;
  total.requeued += batch.requeued;
  total.inProgress += batch.inProgress;
}
