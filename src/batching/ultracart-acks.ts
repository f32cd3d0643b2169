import { IntegrationError } from '../errors';
import { BATCH_LIMIT } from '../ultracart/protocol';
import { Coalescer } from './coalescer';
import { BATCH_MAX_BYTES, type BatchSettings } from './settings';

/**
 * The acknowledgements of one worker process ("mark Imported"), joined into calls of up to 100 order ids. The
 * orders of one `createorders` batch get their results together, so their acknowledgements go together too.
 */
export function createAcknowledgeBatcher(acknowledge: (orderIds: string[]) => Promise<void>, settings: BatchSettings) {
  const coalescer = new Coalescer<string, void>({
    maxItems: BATCH_LIMIT,
    maxBytes: BATCH_MAX_BYTES,
    lingerMs: settings.lingerMs,
    maxWaitMs: settings.maxWaitMs,
    keyOf: (orderId) => orderId,
    onBatch: settings.onBatch && ((size) => settings.onBatch?.('acknowledge', size)),
    // UltraCart refuses the whole call for one unknown id: sent one by one, only that order fails.
    isolateOn: (err) => err instanceof IntegrationError && !err.retryable,
    async send(cut) {
      const orderIds = cut();
      await acknowledge(orderIds);
      return new Map(orderIds.map((id) => [id, { ok: true as const, value: undefined }]));
    },
  });
  return { acknowledge: (orderId: string): Promise<void> => coalescer.submit(orderId) };
}
