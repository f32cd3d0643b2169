import { IntegrationError } from '../../errors';
import { BATCH_LIMIT } from '../protocol';
import { notSent } from '../not-sent';
import { InvalidOrderError, parseOrder } from '../order-schema';
import type { QueuedOrder, UltraCartTransport } from '../transport';
import { createRestHttp, type RestHttpSettings } from './http';
import { createItemLookup } from './items';
import { distributionCentersResponseSchema, ordersResponseSchema, type FulfillmentShipment } from './schemas';

/** The HTTP settings, with the base URL under its configuration name. */
export type RestTransportSettings = Omit<RestHttpSettings, 'baseUrl'> & { restUrl: string };

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * UltraCart's REST v2 fulfillment transport: the DC's queue comes fully expanded (no per-order fetch), writes
 * take arrays of ≤100. `FulfillmentShipment` has tracking numbers and costs only, so carrier, service, ship date
 * and notes to buyer stay in ShipStation and are reported as not sent.
 */
export function createRestTransport(settings: RestTransportSettings): UltraCartTransport {
  const http = createRestHttp({ ...settings, baseUrl: settings.restUrl });
  const dc = `/fulfillment/distribution_centers/${encodeURIComponent(settings.dcCode)}`;
  const items = createItemLookup({ http, gate: settings.gate, dcCode: settings.dcCode });

  return {
    kind: 'rest',
    gate: settings.gate,
    async check() {
      const res = await http({ method: 'GET', path: '/fulfillment/distribution_centers', what: 'list distribution centers', schema: distributionCentersResponseSchema });
      const codes = res.distribution_centers.map((d) => d.code);
      if (!codes.includes(settings.dcCode)) {
        throw new IntegrationError(
          'UltraCartUnknownDistributionCenter',
          `UltraCart has no distribution center ${settings.dcCode} for this key: check ULTRACART_DC_CODE (the key sees ${codes.length ? codes.join(', ') : 'none'})`,
          { retryable: false },
        );
      }
    },

    async queuedOrders() {
      const res = await http({ method: 'GET', path: `${dc}/orders`, what: 'list queued orders', schema: ordersResponseSchema });
      return res.orders.flatMap(toQueuedOrder);
    },

    async enrichItems(order) {
      try {
        return await items.enrich(order);
      } catch {
        return order; // an image or a bin is never worth a failed import
      }
    },

    async acknowledge(orderIds) {
      for (const part of chunks(orderIds, BATCH_LIMIT)) {
        await http({ method: 'PUT', path: `${dc}/acknowledgements`, what: `acknowledge (${part.length} order${part.length === 1 ? '' : 's'})`, body: part, shared: true });
      }
    },

    async ship(shipments) {
      for (const part of chunks(shipments, BATCH_LIMIT)) {
        const body: FulfillmentShipment[] = part.map((s) => ({ order_id: s.orderId, tracking_numbers: s.trackingNumbers, shipping_cost: s.shippingCost }));
        await http({ method: 'POST', path: `${dc}/shipments`, what: `ship (${part.length} order${part.length === 1 ? '' : 's'})`, body, lane: 'write_back', shared: true });
      }
      return notSent(shipments);
    },
  };
}

function toQueuedOrder(raw: unknown): QueuedOrder[] {
  const orderId = (raw as { order_id?: unknown } | null)?.order_id;
  // Without an id the order can be neither started nor acknowledged; UltraCart always sends one.
  if (typeof orderId !== 'string' || orderId.trim() === '') return [];
  try {
    return [{ orderId, order: parseOrder(raw), raw }];
  } catch (err) {
    if (err instanceof InvalidOrderError) return [{ orderId, invalid: err.message, raw }];
    throw err;
  }
}
