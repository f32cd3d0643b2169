import { z } from 'zod';

/**
 * The REST v2 fulfillment envelopes (shared/specs/ultracart.md), checked on both sides: the client parses what
 * UltraCart answers, the simulator parses what the client sends. Objects are loose: fields beyond these pass.
 */

export const API_VERSION = '2017-03-01';
export const HEADERS = {
  version: 'X-UltraCart-Api-Version',
  simpleKey: 'x-ultracart-simple-key',
  requestId: 'X-UltraCart-Request-Id',
  error: 'UC-REST-ERROR',
} as const;

/** The most records one acknowledgement, shipment or inventory call takes, and UltraCart's refusal texts. */
export const REST_LIMITS = {
  acknowledgements: { max: 100, text: 'order_ids can not contain more than 100 records at a time' },
  shipments: { max: 100, text: 'shipments can not contain more than 100 records at a time' },
  inventory: { max: 500, text: 'inventories can not contain more than 500 records at a time' },
} as const;
export const NOT_REST_DC_TEXT = 'Distribution center is not configured for REST API transport.';

export const resultSetSchema = z.looseObject({
  count: z.number().optional(),
  limit: z.number().optional(),
  more: z.boolean().optional(),
  next_offset: z.number().nullish(),
  offset: z.number().optional(),
  total_records: z.number().optional(),
});
export const metadataSchema = z.looseObject({ payload_name: z.string().optional(), result_set: resultSetSchema.optional() });
export const warningSchema = z.looseObject({ warning_code: z.string().optional(), warning_message: z.string().optional(), more_info: z.string().optional() });
export const errorDetailSchema = z.looseObject({
  developer_message: z.string().optional(),
  user_message: z.string().optional(),
  error_code: z.string().optional(),
  more_info: z.string().optional(),
  object_id: z.string().optional(),
});

/** An error body: `error` and `metadata`, no `success` key. */
export const errorResponseSchema = z.looseObject({ error: errorDetailSchema, metadata: metadataSchema.optional() });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

const successEnvelope = { success: z.literal(true), metadata: metadataSchema.optional(), warning: warningSchema.nullish() };

export const distributionCenterSchema = z.looseObject({
  code: z.string(),
  name: z.string().optional(),
  distribution_center_oid: z.number().optional(),
  transport: z.string().optional(),
  no_split_shipment: z.boolean().optional(),
});
export const distributionCentersResponseSchema = z.looseObject({ ...successEnvelope, distribution_centers: z.array(distributionCenterSchema) });

/** Orders stay raw here: each is parsed on its own (orderSchema), so one malformed order never fails the batch. */
export const ordersResponseSchema = z.looseObject({ ...successEnvelope, orders: z.array(z.unknown()) });

export const fulfillmentShipmentSchema = z.strictObject({
  order_id: z.string().min(1),
  tracking_numbers: z.array(z.string()),
  shipping_cost: z.number().optional(),
  fulfillment_fee: z.number().optional(),
  package_cost: z.number().optional(),
});
export type FulfillmentShipment = z.infer<typeof fulfillmentShipmentSchema>;

export const acknowledgementsBodySchema = z.array(z.string().min(1)).min(1);
export const shipmentsBodySchema = z.array(fulfillmentShipmentSchema).min(1);
export const inventoryBodySchema = z.array(z.strictObject({ itemId: z.string().min(1), quantity: z.number() })).min(1);

/** Item API: the two facts the REST order item lacks (image, warehouse bin). */
export const itemResponseSchema = z.looseObject({
  ...successEnvelope,
  item: z
    .looseObject({
      merchant_item_id: z.string().optional(),
      content: z.looseObject({ multimedia: z.array(z.looseObject({ url: z.string().nullish(), type: z.string().nullish(), thumbnails: z.array(z.looseObject({ https_url: z.string().nullish() })).nullish() })).nullish() }).nullish(),
      shipping: z.looseObject({ distribution_centers: z.array(z.looseObject({ distribution_center_code: z.string().nullish(), stock_picking_location: z.string().nullish() })).nullish() }).nullish(),
    })
    .nullish(),
});
export type ItemResponse = z.infer<typeof itemResponseSchema>;
