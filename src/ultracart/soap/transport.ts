import type { UltraCartConfig } from '../../config';
import type { GateLane, UltraCartGate } from '../gate';
import { notSent } from '../not-sent';
import type { UltraCartTransport } from '../transport';
import { createUltraCartClient } from './client';
import { checkWsdlOperations } from './wsdl-check';

/**
 * The SOAP transport over this project's DistributionCenterService contract. Every call goes through the gate
 * (one at a time). A shipment goes back as `shippedWithDetails` (idempotent per shipment id, carrying carrier,
 * service, ship date and notes too); against a WSDL with only UltraCart's documented ship-back operations, as
 * `shippedWithMultipleTrackingNumbersWithCost` with the order's full tracking list, like REST.
 */
export async function createSoapTransport(config: UltraCartConfig, gate: UltraCartGate): Promise<UltraCartTransport> {
  const client = await createUltraCartClient(config);
  // A WSDL without an operation ucship needs stops the start here, never a retry loop later.
  const writeBack = checkWsdlOperations(client.operations(), config.wsdl);
  // `shared`: a call that serves several activity attempts (a batch).
  const through =
    <A extends unknown[], T>(what: string, fn: (...args: A) => Promise<T>, lane: GateLane = 'import', shared = false) =>
    (...args: A) =>
      gate.run(what, async () => ({ rateLimited: false as const, value: await fn(...args) }), lane, shared);
  const getOrders = through('getOrders', client.getOrders);
  const shippedWithDetails = through('shippedWithDetails', client.shippedWithDetails, 'write_back');
  const shippedWithList = through('shippedWithMultipleTrackingNumbersWithCost', client.shippedWithMultipleTrackingNumbersWithCost, 'write_back');

  return {
    kind: 'soap',
    gate,
    async check() {
      await getOrders();
    },
    queuedOrders: getOrders,
    getOrder: through('getOrder', client.getOrder),
    requeueOrder: through('requeueOrder', client.requeueOrder),
    acknowledge: through('acknowledgeOrders', client.acknowledgeOrders, 'import', true),
    async ship(shipments) {
      if (writeBack === 'shippedWithMultipleTrackingNumbersWithCost') {
        for (const s of shipments) await shippedWithList(s.orderId, s.trackingNumbers, s.shippingCost);
        return notSent(shipments);
      }
      // One call per shipment id, so a retry after a partial failure re-sends the same records harmlessly.
      for (const s of shipments) for (const w of s.changed) await shippedWithDetails(s.orderId, w);
      return {};
    },
  };
}
