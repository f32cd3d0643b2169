import { importProblem, mapOrder } from '../mapping';
import type { ShipStationConfig } from '../config';
import type { CreateOrderRequest } from '../shipstation/schemas';
import type { UltraCartOrder } from '../ultracart/order-schema';

export type PreparedOrder = { ok: true; body: CreateOrderRequest } | { ok: false; reason: string };

/**
 * The map step, run as a local activity so its result is recorded in history and mapping code can change
 * without breaking running workflows. Pure: no I/O.
 */
export function createMappingActivities(deps: { merchantId: string; shipstation: Pick<ShipStationConfig, 'storeId' | 'statusMap'> }) {
  return {
    async prepareShipStationOrder(order: UltraCartOrder): Promise<PreparedOrder> {
      const problem = importProblem(order);
      if (problem) return { ok: false, reason: `order ${order.order_id}: ${problem}` };
      const body = mapOrder(order, { merchantId: deps.merchantId, storeId: deps.shipstation.storeId, statusMap: deps.shipstation.statusMap });
      return { ok: true, body };
    },
  };
}
export type MappingActivities = ReturnType<typeof createMappingActivities>;
