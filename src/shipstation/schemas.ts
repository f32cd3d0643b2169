import { z } from 'zod';

/** ShipStation V1 shapes (shipstation.md). Responses are loose: unknown fields pass. */

export const ORDER_STATUSES = ['awaiting_payment', 'awaiting_shipment', 'pending_fulfillment', 'shipped', 'on_hold', 'cancelled'] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
/** The statuses an UltraCart order may be created in (STATUS_MAP's values). */
export const IMPORT_STATUSES = ['awaiting_payment', 'awaiting_shipment', 'on_hold'] as const satisfies readonly OrderStatus[];
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** Orders in these statuses can no longer be updated. */
export const LOCKED_STATUSES: readonly OrderStatus[] = ['shipped', 'cancelled'];

const nullableText = z.string().nullable().optional();
const nullableNum = z.number().nullable().optional();

export const weightSchema = z.object({ value: z.number(), units: z.enum(['pounds', 'ounces', 'grams']) });
export const dimensionsSchema = z.object({ length: z.number(), width: z.number(), height: z.number(), units: z.enum(['inches', 'centimeters']) });

export const addressSchema = z.object({
  name: z.string(),
  company: nullableText,
  street1: nullableText,
  street2: nullableText,
  street3: nullableText,
  city: nullableText,
  state: nullableText,
  postalCode: nullableText,
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').nullable().optional(),
  phone: nullableText,
  residential: z.boolean().nullable().optional(),
});

export const itemOptionSchema = z.object({ name: z.string(), value: z.string() });

export const orderItemSchema = z.object({
  lineItemKey: nullableText,
  sku: nullableText,
  name: z.string(),
  imageUrl: nullableText,
  weight: weightSchema.nullable().optional(),
  quantity: z.number().int(),
  unitPrice: nullableNum,
  taxAmount: nullableNum,
  shippingAmount: nullableNum,
  warehouseLocation: nullableText,
  options: z.array(itemOptionSchema).nullable().optional(),
  productId: nullableNum,
  fulfillmentSku: nullableText,
  adjustment: z.boolean().optional(),
  upc: nullableText,
});

export const advancedOptionsSchema = z.object({
  warehouseId: nullableNum,
  storeId: nullableNum,
  customField1: nullableText,
  customField2: nullableText,
  customField3: nullableText,
  source: nullableText,
  nonMachinable: z.boolean().optional(),
  saturdayDelivery: z.boolean().optional(),
  containsAlcohol: z.boolean().optional(),
  billToParty: nullableText,
  billToAccount: nullableText,
  billToPostalCode: nullableText,
  billToCountryCode: nullableText,
  billToMyOtherAccount: nullableText,
});

/** Customs and insurance are set in ShipStation; kept whole (every field they carry) when an order is re-sent. */
export const internationalOptionsSchema = z.looseObject({ contents: nullableText, customsItems: z.array(z.looseObject({})).nullable().optional(), nonDelivery: nullableText });
export const insuranceOptionsSchema = z.looseObject({ provider: nullableText, insureShipment: z.boolean().optional(), insuredValue: nullableNum });

/** Pacific time without offset, as ShipStation reads it: `2024-09-17 10:51:14`. */
export const pacificInputDate = z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/, 'must be Pacific time yyyy-MM-dd HH:mm:ss');

/** The body of `POST /orders/createorder` (an upsert by `orderKey`). */
export const createOrderRequestSchema = z.object({
  orderNumber: z.string().min(1).max(50),
  orderKey: z.string().min(1).optional(),
  orderDate: pacificInputDate,
  paymentDate: pacificInputDate.nullable().optional(),
  orderStatus: orderStatusSchema,
  customerUsername: nullableText,
  customerEmail: nullableText,
  billTo: addressSchema,
  shipTo: addressSchema,
  items: z.array(orderItemSchema).optional(),
  amountPaid: nullableNum,
  taxAmount: nullableNum,
  shippingAmount: nullableNum,
  customerNotes: nullableText,
  internalNotes: nullableText,
  gift: z.boolean().optional(),
  giftMessage: nullableText,
  paymentMethod: nullableText,
  requestedShippingService: nullableText,
  weight: weightSchema.nullable().optional(),
  dimensions: dimensionsSchema.nullable().optional(),
  advancedOptions: advancedOptionsSchema.optional(),
  // Set by the merchant in ShipStation, never by the mapping: sent back as they are when an order is updated
  // (an update replaces the whole order, so a field left out is wiped).
  carrierCode: nullableText,
  serviceCode: nullableText,
  packageCode: nullableText,
  confirmation: nullableText,
  holdUntilDate: nullableText,
  tagIds: z.array(z.number().int()).nullable().optional(),
  insuranceOptions: insuranceOptionsSchema.nullable().optional(),
  internationalOptions: internationalOptionsSchema.nullable().optional(),
});
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;
export type ShipStationItem = z.infer<typeof orderItemSchema>;
export type ShipStationAddress = z.infer<typeof addressSchema>;

/** ShipStation takes at most this many orders in one `POST /orders/createorders`. */
export const CREATE_ORDERS_LIMIT = 100;

/** `POST /orders/createorders`: one result per order inside a 200; a refused order has `success: false`. */
export const createOrdersResultSchema = z.looseObject({
  orderId: z.number().int().nullable(),
  orderKey: z.string().nullable(),
  orderNumber: z.string().nullable(),
  success: z.boolean(),
  errorMessage: z.string().nullable().optional(),
});
export const createOrdersResponseSchema = z.looseObject({ hasErrors: z.boolean(), results: z.array(createOrdersResultSchema) });
export type CreateOrdersResult = z.infer<typeof createOrdersResultSchema>;

/** An order as ShipStation returns it. */
export const orderSchema = z.looseObject({
  orderId: z.number().int(),
  orderNumber: z.string(),
  orderKey: z.string().nullable(),
  orderStatus: orderStatusSchema,
  orderDate: nullableText,
  createDate: nullableText,
  modifyDate: nullableText,
  orderTotal: nullableNum,
  items: z.array(z.looseObject({ orderItemId: z.number().int().optional(), lineItemKey: nullableText, sku: nullableText, name: z.string(), quantity: z.number(), adjustment: z.boolean().optional() })).default([]),
});
export type ShipStationOrder = z.infer<typeof orderSchema>;

export const shipmentItemSchema = z.looseObject({
  orderItemId: nullableNum,
  lineItemKey: nullableText,
  sku: nullableText,
  name: nullableText,
  quantity: z.number(),
});

export const shipmentSchema = z.looseObject({
  shipmentId: z.number().int(),
  orderId: z.number().int(),
  orderKey: nullableText,
  orderNumber: nullableText,
  createDate: nullableText,
  shipDate: nullableText,
  shipmentCost: z.number().nullable(),
  insuranceCost: z.number().nullable(),
  trackingNumber: nullableText,
  isReturnLabel: z.boolean(),
  carrierCode: nullableText,
  serviceCode: nullableText,
  packageCode: nullableText,
  voided: z.boolean(),
  voidDate: nullableText,
  notesToBuyer: nullableText,
  shipmentItems: z.array(shipmentItemSchema).nullable().optional(),
  /** Set on a "mark as shipped" fulfillment read as a shipment (fulfillmentToShipment): it has no label. */
  fulfillmentId: z.number().int().optional(),
});
export type Shipment = z.infer<typeof shipmentSchema>;

/** `GET /fulfillments`: what "mark as shipped" records (no label, no SHIP_NOTIFY). */
export const fulfillmentSchema = z.looseObject({
  fulfillmentId: z.number().int(),
  orderId: z.number().int(),
  orderNumber: nullableText,
  trackingNumber: nullableText,
  createDate: nullableText,
  shipDate: nullableText,
  carrierCode: nullableText,
  fulfillmentFee: nullableNum,
  voided: z.boolean().optional(),
  voidDate: nullableText,
});
export type Fulfillment = z.infer<typeof fulfillmentSchema>;

export const pageOf = <T extends z.ZodTypeAny>(key: string, item: T) =>
  z.object({ [key]: z.array(item), total: z.number().int(), page: z.number().int(), pages: z.number().int() });

export const webhookPayloadSchema = z.object({ resource_url: z.url(), resource_type: z.string() });
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

export const WEBHOOK_EVENTS = ['ORDER_NOTIFY', 'ITEM_ORDER_NOTIFY', 'SHIP_NOTIFY', 'ITEM_SHIP_NOTIFY'] as const;
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The body of `POST /webhooks/subscribe`. */
export const subscribeWebhookRequestSchema = z.object({
  target_url: z.url(),
  event: webhookEventSchema,
  store_id: z.number().int().nullable().optional(),
  friendly_name: z.string().nullable().optional(),
});
export type SubscribeWebhookRequest = z.infer<typeof subscribeWebhookRequestSchema>;

/** Older docs answer `{id}`, newer ones `{WebHookID, ...}`. */
export const subscribeWebhookResponseSchema = z.union([
  z.looseObject({ id: z.number().int() }).transform((r) => ({ id: r.id })),
  z.looseObject({ WebHookID: z.number().int() }).transform((r) => ({ id: r.WebHookID })),
]);

export const webhookSchema = z.looseObject({
  WebHookID: z.number().int(),
  HookType: z.string(),
  Url: z.string(),
  StoreID: z.number().int().nullable().optional(),
  Name: z.string().nullable().optional(),
  Active: z.boolean().optional(),
});
/** `GET /webhooks` is documented as `{webhooks:[...]}`; a bare array is accepted too. */
export const webhookListSchema = z.union([z.object({ webhooks: z.array(webhookSchema) }).transform((r) => r.webhooks), z.array(webhookSchema)]);
export type ShipStationWebhook = z.infer<typeof webhookSchema>;

export const storeSchema = z.looseObject({
  storeId: z.number().int(),
  storeName: z.string(),
  marketplaceId: z.number().int(),
  marketplaceName: z.string(),
  active: z.boolean(),
});
export type ShipStationStore = z.infer<typeof storeSchema>;

/** ASP.NET error bodies: 400 carries ModelState, 500 carries ExceptionMessage. */
export const errorBodySchema = z.looseObject({
  Message: z.string().optional(),
  message: z.string().optional(),
  ModelState: z.record(z.string(), z.array(z.string())).optional(),
  ExceptionMessage: z.string().optional(),
});
