/** What the client and the simulator agree on beyond the WSDL: operation names, limits and fault codes. */

export const ULTRACART_OPERATIONS = [
  'getOrders',
  'getOrder',
  'acknowledgeOrders',
  'requeueOrder',
  'shipped',
  'shippedWithCost',
  'shippedWithMultipleTrackingNumbers',
  'shippedWithMultipleTrackingNumbersWithCost',
  'shippedWithDetails',
] as const;
export type UltraCartOperation = (typeof ULTRACART_OPERATIONS)[number];

/** UltraCart hands out, and accepts acknowledgements for, at most this many orders per call. */
export const BATCH_LIMIT = 100;

export const SOAP_PATH = '/axis/services/DistributionCenterService';

/**
 * SOAP 1.1 fault codes. `Client.*` means the request itself is wrong (resending it cannot succeed);
 * `Server.*` means UltraCart failed and a retry may succeed. The client matches on the suffix only, so a real
 * service using another prefix still maps.
 */
export const FAULT_CODES = {
  authenticationFailed: 'soap:Client.AuthenticationFailed',
  unknownOrder: 'soap:Client.UnknownOrder',
  batchLimitExceeded: 'soap:Client.BatchLimitExceeded',
  invalidRequest: 'soap:Client.InvalidRequest',
  injected: 'soap:Server.InjectedFault',
} as const;
