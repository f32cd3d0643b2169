import { z } from 'zod';
import { FAULT_CODES, type UltraCartOperation } from '../../src/ultracart/protocol';
import { SoapFault, type RawOrder, type UltraCartStore } from './state';

/**
 * The SOAP operations of the simulator, as npm soap's server calls them, with UltraCart's strictness:
 * credentials on every call, arguments checked, faults for anything the real service would refuse.
 */

export interface Credentials {
  merchantId: string;
  dcCode: string;
  accessKey: string;
}

/** npm soap parses an empty element as '' or {} and may give a one-element list as the element. */
const text = z.preprocess((v) => (typeof v === 'object' && v !== null && Object.keys(v).length === 0 ? '' : v), z.string());
const list = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(text));
const orderId = text.pipe(z.string().min(1));
const cost = z.coerce.number().finite();

const credentialsArg = z.object({
  credentials: z.object({ merchantId: text, distributionCenterCode: text, accessKey: text }),
});
const argSchemas = {
  getOrders: credentialsArg,
  getOrder: credentialsArg.extend({ orderId }),
  acknowledgeOrders: credentialsArg.extend({ orderIds: list }),
  requeueOrder: credentialsArg.extend({ orderId }),
  shipped: credentialsArg.extend({ orderId, trackingNumber: text }),
  shippedWithCost: credentialsArg.extend({ orderId, trackingNumber: text, shippingCost: cost }),
  shippedWithMultipleTrackingNumbers: credentialsArg.extend({ orderId, trackingNumbers: list }),
  shippedWithMultipleTrackingNumbersWithCost: credentialsArg.extend({ orderId, trackingNumbers: list, shippingCost: cost }),
  shippedWithDetails: credentialsArg.extend({
    orderId,
    shipment: z.object({
      shipment_id: text.pipe(z.string().min(1)),
      tracking_numbers: list,
      carrier: text,
      service: text,
      shipping_cost: cost,
      ship_date: text,
      notes_to_buyer: text.optional(),
    }),
  }),
} satisfies Record<UltraCartOperation, z.ZodType>;

type Args = { [Op in UltraCartOperation]: z.infer<(typeof argSchemas)[Op]> };
type Handlers = { [Op in UltraCartOperation]: (args: Args[Op]) => object };

const wire = (order: RawOrder) => ({ orderId: order.order_id, orderJson: JSON.stringify(order) });
/** The write operations answer `success: true` once the store accepted the change. */
const done = (change: () => void) => {
  change();
  return { success: true };
};

export function createDistributionCenterService(store: UltraCartStore, creds: Credentials) {
  const handlers: Handlers = {
    getOrders: () => ({ order: store.queued().map(wire) }),
    getOrder: (a) => ({ order: wire(store.order(a.orderId)) }),
    acknowledgeOrders: (a) => done(() => store.acknowledge(a.orderIds)),
    requeueOrder: (a) => done(() => store.requeue(a.orderId)),
    shipped: (a) => done(() => store.ship(a.orderId, [a.trackingNumber])),
    shippedWithCost: (a) => done(() => store.ship(a.orderId, [a.trackingNumber], a.shippingCost)),
    shippedWithMultipleTrackingNumbers: (a) => done(() => store.ship(a.orderId, a.trackingNumbers)),
    shippedWithMultipleTrackingNumbersWithCost: (a) => done(() => store.ship(a.orderId, a.trackingNumbers, a.shippingCost)),
    shippedWithDetails: (a) => done(() => store.recordShipment(a.orderId, a.shipment)),
  };

  const port = Object.fromEntries(
    Object.entries(handlers).map(([op, handler]) => [
      op,
      (raw: unknown) => {
        const parsed = argSchemas[op as UltraCartOperation].safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new SoapFault(FAULT_CODES.invalidRequest, `${op}: ${issue.path.join('.')}: ${issue.message}`);
        }
        const c = parsed.data.credentials;
        if (c.merchantId !== creds.merchantId || c.distributionCenterCode !== creds.dcCode || c.accessKey !== creds.accessKey) {
          throw new SoapFault(FAULT_CODES.authenticationFailed, `Authentication failed for merchant ${c.merchantId}, distribution center ${c.distributionCenterCode}`);
        }
        return (handler as (a: unknown) => object)(parsed.data);
      },
    ]),
  );
  return { DistributionCenterService: { DistributionCenterPort: port } };
}
