export { orderWorkflow } from './order';
export { ingestWorkflow } from './ingest';
export { shipmentNotificationWorkflow, shipmentSweepWorkflow, voidSweepWorkflow } from './shipment-notification';
export { reconcileWorkflow } from './reconcile';
export { alertsWorkflow } from './alerts';
