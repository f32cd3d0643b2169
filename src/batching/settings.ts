/** How the worker's coalescers cut batches (BATCH_LINGER). */
export interface BatchSettings {
  /** How long the oldest item of a batch waits for company before the batch goes anyway. */
  lingerMs: number;
  /** Told of every batch call and its size (logs, metrics). */
  onBatch?: (operation: string, size: number) => void;
}

/**
 * Most JSON bytes of one batch request. Neither API documents a body limit; this stays well inside ASP.NET's
 * default 4 MB request limit (ShipStation V1 answers in ASP.NET shapes).
 */
export const BATCH_MAX_BYTES = 2_000_000;
