export { orderWorkflow } from './order';
export { ingestWorkflow } from './ingest';
export { shipmentNotificationWorkflow, voidSweepWorkflow } from './shipment-notification';
