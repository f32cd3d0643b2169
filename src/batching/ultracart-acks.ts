import type { Cohort } from '../contract';
import { BATCH_LIMIT } from '../ultracart/protocol';
import { Coalescer } from './coalescer';
import { sharedCoalescerOptions, type BatchSettings } from './settings';

/**
 * The acknowledgements of one worker process ("mark Imported"), joined into calls of up to 100 order ids. The
 * orders of one `createorders` batch get their results together, so their acknowledgements go together too.
 */
export function createAcknowledgeBatcher(acknowledge: (orderIds: string[]) => Promise<void>, settings: BatchSettings) {
  const coalescer = new Coalescer<string, void>({
    // UltraCart refuses the whole call for one unknown id: sent one by one, only that order fails.
    ...sharedCoalescerOptions(settings, 'acknowledge'),
    maxItems: BATCH_LIMIT,
    keyOf: (orderId) => orderId,
    async send(cut) {
      const orderIds = cut();
      await acknowledge(orderIds);
      return new Map(orderIds.map((id) => [id, { ok: true as const, value: undefined }]));
    },
  });
  return { acknowledge: (orderId: string, cohort?: Cohort): Promise<void> => coalescer.submit(orderId, cohort) };
}
