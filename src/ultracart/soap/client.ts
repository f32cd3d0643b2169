import * as soap from 'soap';
import { z } from 'zod';
import type { UltraCartConfig } from '../../config';
import { IntegrationError } from '../../errors';
import { liveSecret } from '../../secrets';
import { toIntegrationError } from './errors';
import { InvalidOrderError, parseOrder, shipmentWriteBackSchema, type ShipmentWriteBack, type UltraCartOrder } from '../order-schema';
import type { UltraCartOperation } from '../protocol';
import type { QueuedOrder } from '../transport';

/**
 * Typed client for the distribution-center SOAP service (DistributionCenterService.wsdl) on npm soap.
 * Orders arrive as one JSON document each (`orderJson`, see the WSDL for why); every failure is an
 * IntegrationError from ./errors, with the access key never in it.
 */

export type BatchOrder = QueuedOrder;

export interface UltraCartClient {
  /** The operations the loaded WSDL declares. */
  operations(): string[];
  getOrders(): Promise<BatchOrder[]>;
  /** Throws InvalidOrderError when the order is malformed. */
  getOrder(orderId: string): Promise<UltraCartOrder>;
  acknowledgeOrders(orderIds: string[]): Promise<void>;
  requeueOrder(orderId: string): Promise<void>;
  /** UltraCart's documented ship-back with the order's full tracking list: used against a WSDL without shippedWithDetails. */
  shippedWithMultipleTrackingNumbersWithCost(orderId: string, trackingNumbers: string[], shippingCost: number): Promise<void>;
  /** Idempotent per `shipment.shipment_id`; re-sending with fewer tracking numbers withdraws the missing ones. */
  shippedWithDetails(orderId: string, shipment: ShipmentWriteBack): Promise<void>;
}

const dcOrderSchema = z.object({ orderId: z.string().min(1), orderJson: z.string() });
/** SOAP may collapse a one-element list to the element, or omit an empty one (an empty batch may even be null). */
const getOrdersResponse = z
  .object({ order: z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(dcOrderSchema)) })
  .nullish();
const getOrderResponse = z.object({ order: dcOrderSchema });
const resultResponse = z.object({ success: z.literal(true) });

type SoapMethod = (args: unknown, options: object) => Promise<[unknown, ...unknown[]]>;

export async function createUltraCartClient(config: UltraCartConfig): Promise<UltraCartClient> {
  // Read per call: a key rotated in ULTRACART_ACCESS_KEY_FILE is used by the next request.
  const accessKey = liveSecret(config.accessKey, config.accessKeyFile);
  const context = (operation: string, orderId?: string) => ({
    operation,
    orderId,
    merchantId: config.merchantId,
    dcCode: config.dcCode,
    accessKey: accessKey(),
  });
  let soapClient: soap.Client;
  try {
    // escapeXML off: npm soap passes strings that look like a CDATA section through unescaped; xmlText below
    // escapes every string itself, so nothing a customer typed can change the XML.
    soapClient = await soap.createClientAsync(config.wsdl, { escapeXML: false });
  } catch (err) {
    throw toIntegrationError(err, context('loadWsdl'));
  }
  soapClient.setEndpoint(config.soapUrl);
  const credentials = () => ({ merchantId: config.merchantId, distributionCenterCode: config.dcCode, accessKey: accessKey() });

  async function call<T>(operation: UltraCartOperation, args: Record<string, unknown>, response: z.ZodType<T>, orderId?: string): Promise<T> {
    const method = (soapClient as unknown as Record<string, SoapMethod>)[`${operation}Async`];
    let result: unknown;
    let body: unknown;
    try {
      [result, body] = await method(xmlText({ credentials: credentials(), ...args }), { timeout: config.timeoutMs });
    } catch (err) {
      throw toIntegrationError(err, context(operation, orderId));
    }
    const bad = (detail: string) => new IntegrationError('UltraCartBadResponse', `UltraCart ${operation} failed: unexpected response (${detail})`, { retryable: true });
    // npm soap resolves an empty or non-SOAP 200 body as if it were an empty answer; that must not read as "no orders".
    if (typeof body !== 'string' || !/<([\w.-]+:)?Envelope[\s>]/.test(body)) throw bad('not a SOAP envelope');
    const parsed = response.safeParse(result);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw bad(`${issue.path.join('.')}: ${issue.message}`);
    }
    return parsed.data;
  }

  const write = async (operation: UltraCartOperation, orderId: string, args: Record<string, unknown>) => {
    await call(operation, { orderId, ...args }, resultResponse, orderId);
  };

  return {
    operations: () => Object.values(soapClient.describe() as Record<string, Record<string, Record<string, unknown>>>).flatMap((service) => Object.values(service).flatMap((port) => Object.keys(port))),
    async getOrders() {
      const res = await call('getOrders', {}, getOrdersResponse);
      return (res?.order ?? []).map(toBatchOrder);
    },
    async getOrder(orderId) {
      const res = await call('getOrder', { orderId }, getOrderResponse, orderId);
      return decodeOrder(res.order.orderId, orderObject(res.order.orderId, res.order.orderJson));
    },
    async acknowledgeOrders(orderIds) {
      if (orderIds.length === 0) return;
      await call('acknowledgeOrders', { orderIds }, resultResponse);
    },
    requeueOrder: (orderId) => write('requeueOrder', orderId, {}),
    shippedWithMultipleTrackingNumbersWithCost: (orderId, trackingNumbers, shippingCost) =>
      write('shippedWithMultipleTrackingNumbersWithCost', orderId, { trackingNumbers, shippingCost }),
    async shippedWithDetails(orderId, shipment) {
      const parsed = shipmentWriteBackSchema.safeParse(shipment);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new IntegrationError('UltraCartInvalidShipment', `UltraCart shippedWithDetails (order ${orderId}) not sent: shipment.${issue.path.join('.')}: ${issue.message}`, {
          retryable: false,
        });
      }
      await write('shippedWithDetails', orderId, { shipment: parsed.data });
    },
  };
}

function toBatchOrder({ orderId, orderJson }: z.infer<typeof dcOrderSchema>): BatchOrder {
  try {
    const raw = orderObject(orderId, orderJson);
    // The batch carries the whole order: handed to its workflow, the first import needs no getOrder.
    return { orderId, order: decodeOrder(orderId, raw), raw };
  } catch (err) {
    return { orderId, invalid: (err as Error).message };
  }
}

function orderObject(orderId: string, orderJson: string): object {
  let raw: unknown;
  try {
    raw = JSON.parse(orderJson);
  } catch {
    throw new InvalidOrderError(orderId, 'orderJson', 'not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidOrderError(orderId, '(order)', 'expected a JSON object');
  return raw;
}

function decodeOrder(orderId: string, raw: object): UltraCartOrder {
  try {
    return parseOrder(raw);
  } catch (err) {
    // Name the order by the id UltraCart filed it under, even when its own order_id field is what is broken.
    if (err instanceof InvalidOrderError && err.orderId !== orderId) throw new InvalidOrderError(orderId, err.field, err.reason);
    throw err;
  }
}

/** Escapes every string for XML text (npm soap's own escaping is off, see above); numbers pass as they are. */
function xmlText(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
  }
  if (Array.isArray(value)) return value.map(xmlText);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlText(v)]));
  return value;
}
