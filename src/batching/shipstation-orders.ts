import type { Cohort } from '../contract';
import { IntegrationError } from '../errors';
import type { ShipStationClient } from '../shipstation/client';
import { ShipStationErrorKind } from '../shipstation/errors';
import { CREATE_ORDERS_LIMIT, createOrderRequestSchema, type CreateOrderRequest } from '../shipstation/schemas';
import { validated } from '../shipstation/validate';
import { Coalescer, type Outcome } from './coalescer';
import { sharedCoalescerOptions, type BatchSettings } from './settings';

/** What one order's upsert inside a `createorders` batch gave it. */
export interface BatchedUpsert {
  orderId: number;
}

/**
 * The order upserts of one worker process, joined into `POST /orders/createorders` calls of up to 100. Each
 * order gets its own result by `orderKey`; one ShipStation refused (`success: false`) fails only that order,
 * with ShipStation's own message.
 */
export function createOrderUpsertBatcher(shipstation: Pick<ShipStationClient, 'createOrders'>, settings: BatchSettings) {
  const coalescer = new Coalescer<CreateOrderRequest & { orderKey: string }, BatchedUpsert>({
    // A 400 for the whole request names one bad order in its ModelState: sent alone, the others go through.
    ...sharedCoalescerOptions(settings, 'createorders'),
    maxItems: CREATE_ORDERS_LIMIT,
    keyOf: (order) => order.orderKey,
    async send(cut) {
      const results = await shipstation.createOrders(cut);
      const outcomes = new Map<string, Outcome<BatchedUpsert>>();
      for (const r of results) {
        if (r.orderKey === null) continue;
        outcomes.set(
          r.orderKey,
          r.success && r.orderId !== null
            ? { ok: true, value: { orderId: r.orderId } }
            : {
                ok: false,
                error: new IntegrationError(ShipStationErrorKind.Validation, `ShipStation refused order ${r.orderNumber ?? r.orderKey}: ${r.errorMessage ?? 'no reason given'}`, {
                  retryable: false,
                }),
              },
        );
      }
      return outcomes;
    },
  });
  return {
    async upsert(order: CreateOrderRequest & { orderKey: string }, cohort?: Cohort): Promise<BatchedUpsert> {
      // Checked before it joins a batch: one invalid order must not cost the others their call.
      return coalescer.submit({ ...validated(createOrderRequestSchema, order, `order ${order.orderKey}`), orderKey: order.orderKey }, cohort);
    },
  };
}
export type OrderUpsertBatcher = ReturnType<typeof createOrderUpsertBatcher>;
