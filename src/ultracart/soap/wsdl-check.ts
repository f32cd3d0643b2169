import { ConfigError } from '../../config';

/**
 * The operations ucship calls over SOAP. UltraCart does not publish its DC WSDL: getOrders, getOrder,
 * acknowledgeOrders and requeueOrder are this project's contract; the write-back uses this project's
 * shippedWithDetails where the WSDL has it, else UltraCart's documented shippedWithMultipleTrackingNumbersWithCost.
 */
export const REQUIRED_OPERATIONS = ['getOrders', 'getOrder', 'acknowledgeOrders', 'requeueOrder'] as const;
export const WRITE_BACK_OPERATIONS = ['shippedWithDetails', 'shippedWithMultipleTrackingNumbersWithCost'] as const;
export type WriteBackOperation = (typeof WRITE_BACK_OPERATIONS)[number];

/** The write-back operation to use; a ConfigError (exit 2) naming every missing operation otherwise. */
export function checkWsdlOperations(declared: readonly string[], wsdl: string): WriteBackOperation {
  const has = new Set(declared);
  const missing: string[] = REQUIRED_OPERATIONS.filter((op) => !has.has(op));
  const writeBack = WRITE_BACK_OPERATIONS.find((op) => has.has(op));
  if (writeBack === undefined) missing.push(WRITE_BACK_OPERATIONS.join(' or '));
  if (missing.length > 0 || writeBack === undefined) {
    throw new ConfigError([
      `ULTRACART_WSDL: ${wsdl} lacks the operation${missing.length === 1 ? '' : 's'} ucship needs: ${missing.join(', ')} (UltraCart publishes no DC WSDL; use ULTRACART_TRANSPORT=rest with a simple key)`,
    ]);
  }
  return writeBack;
}
