import type { MappingActivities, PreparedOrder } from './mapping';
import type { UltraCartActivities } from './ultracart';

/**
 * The import and the map as one local activity: one marker and one workflow activation per order instead of
 * two, and the UltraCart order itself never lands in the history, only the ShipStation body made from it.
 */
export function createOrderImportActivities(steps: { importOrder: UltraCartActivities['importOrder']; prepareShipStationOrder: MappingActivities['prepareShipStationOrder'] }) {
  return {
    async importAndPrepare(orderId: string, raw?: unknown, refetch = false): Promise<PreparedOrder> {
      const imported = await steps.importOrder(orderId, raw, refetch);
      return imported.ok ? steps.prepareShipStationOrder(imported.order) : imported;
    },
  };
}
export type OrderImportActivities = ReturnType<typeof createOrderImportActivities>;
