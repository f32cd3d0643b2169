/**
 * Workflow ids and keys from business keys, so a second start for the same order or webhook batch is
 * impossible, and the ShipStation orderKey that ties a ShipStation order back to its UltraCart order.
 */

export const orderWorkflowId = (merchantId: string, orderId: string): string => `uc-order-${merchantId}-${orderId}`;

/** The workflow id of a webhook's batch: repeated deliveries of the same resource_url collapse into one. */
export const notificationWorkflowId = (resourceUrl: string): string => `shipstation-notify-${resourceUrl}`;

export const ingestScheduleId = (merchantId: string, dcCode: string): string => `ultracart-ingest-${merchantId}-${dcCode}`;

export const voidSweepScheduleId = (merchantId: string, dcCode: string): string => `shipstation-void-sweep-${merchantId}-${dcCode}`;

export const shipmentSweepScheduleId = (merchantId: string, dcCode: string): string => `shipstation-shipment-sweep-${merchantId}-${dcCode}`;

/**
 * The stable ShipStation `orderKey` of an UltraCart order (field-map.md, "order identity"). Written by the
 * mapping and read back by parseOrderKey: if the two drifted, every shipment would be silently ignored.
 */
export const orderKeyOf = (merchantId: string, orderId: string): string => `ultracart:${merchantId}:${orderId}`;

/** The inverse of orderKeyOf; undefined for orders that another channel created in ShipStation. */
export function parseOrderKey(orderKey: string | null | undefined): { merchantId: string; orderId: string } | undefined {
  const m = /^ultracart:([^:]+):(.+)$/.exec(orderKey ?? '');
  return m ? { merchantId: m[1], orderId: m[2] } : undefined;
}

export const reconcileScheduleId = (merchantId: string, dcCode: string): string => `ucship-reconcile-${merchantId}-${dcCode}`;

/** The one long-running workflow that sweeps for parked and overdue orders and sends the grouped alerts. */
export const alertsWorkflowId = (merchantId: string, dcCode: string): string => `ucship-alerts-${merchantId}-${dcCode}`;
