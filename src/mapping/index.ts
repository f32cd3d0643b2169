/** The pure mapping between UltraCart and ShipStation (no I/O); activities and the `ucship map` command use it. */
export { mapOrder, type MapOrderOptions } from './map-order';
export { importProblem, findImportProblem, type ImportProblem } from './import-check';
export { shipmentToWriteBack, planWriteBacks, isOrderFullyShipped, orderTrackingState, writeBackKey, fulfillmentToShipment, fulfillmentCoveringOrder } from './write-back';
export { keepShipStationEdits } from './shipstation-edits';
export { carrierName } from './carrier-names';
export { cleanText, decodeEntities, truncate, TEXT_LIMITS } from './text';
