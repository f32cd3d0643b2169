export { orderWorkflow } from './order';
export { ingestWorkflow } from './ingest';
export { shipmentNotificationWorkflow } from './shipment-notification';
