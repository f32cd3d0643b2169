export { orderWorkflow } from './order';
export { ingestWorkflow } from './ingest';
export { shipmentNotificationWorkflow, voidSweepWorkflow } from './shipment-notification';
export { reconcileWorkflow } from './reconcile';
export { alertsWorkflow } from './alerts';
