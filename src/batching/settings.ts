import { IntegrationError } from '../errors';

/** How the worker's coalescers cut batches. */
export interface BatchSettings {
  /** A batch goes once no item joined it for this long (BATCH_LINGER)... */
  lingerMs: number;
  /** ...or once its oldest item waited this long (BATCH_MAX_WAIT). */
  maxWaitMs: number;
  /** Told of every batch call and its size (logs, metrics). */
  onBatch?: (operation: string, size: number) => void;
}

/**
 * Most JSON bytes of one batch request. Neither API documents a body limit; this stays well inside ASP.NET's
 * default 4 MB request limit (ShipStation V1 answers in ASP.NET shapes).
 */
export const BATCH_MAX_BYTES = 2_000_000;

/**
 * The options every batcher of one process shares: the linger and wait from config, the size cap, the batch-size
 * report under the operation's name, and a refusal that cannot be retried splits the batch so it fails only the
 * item it names.
 */
export function sharedCoalescerOptions(settings: BatchSettings, operation: string) {
  return {
    maxBytes: BATCH_MAX_BYTES,
    lingerMs: settings.lingerMs,
    maxWaitMs: settings.maxWaitMs,
    onBatch: settings.onBatch && ((size: number) => settings.onBatch?.(operation, size)),
    isolateOn: (err: unknown) => err instanceof IntegrationError && !err.retryable,
  };
}
