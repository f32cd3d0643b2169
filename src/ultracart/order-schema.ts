import { z } from 'zod';

/**
 * The UltraCart Order shape of ultracart.md (REST v2 names, used by the SOAP contract too).
 * Objects are loose: the many fields real orders carry beyond this subset pass through untouched.
 * Scalars are lenient about SOAP's text encoding (numbers and booleans may arrive as strings, a one-element
 * list as a single object); anything else malformed is an error naming the field.
 */

const num = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'expected a number').transform(Number)]);
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);
const text = z.string();
/** A list that SOAP may have collapsed to one element, or omitted when empty. */
const list = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const moneySchema = z.looseObject({ value: num, currency_code: text.optional() });
export const weightSchema = z.looseObject({ value: num, uom: z.enum(['LB', 'OZ', 'KG', 'G']) });
export const distanceSchema = z.looseObject({ value: num, uom: z.enum(['IN', 'CM']) });

const addressFields = {
  first_name: text.optional(),
  last_name: text.optional(),
  company: text.optional(),
  title: text.optional(),
  address1: text.optional(),
  address2: text.optional(),
  city: text.optional(),
  state_region: text.optional(),
  postal_code: text.optional(),
  country_code: text.optional(),
  day_phone: text.optional(),
  evening_phone: text.optional(),
};

export const billingSchema = z.looseObject({ ...addressFields, email: text.optional(), cc_emails: list(text).optional() });

export const shippingSchema = z.looseObject({
  ...addressFields,
  shipping_method: text.optional(),
  special_instructions: text.optional(),
  ship_to_residential: bool.optional(),
  weight: weightSchema.optional(),
  tracking_numbers: list(text).optional(),
});

export const itemOptionSchema = z.looseObject({ label: text, value: text.optional() });

export const itemSchema = z.looseObject({
  item_index: z.coerce.number().int().positive(),
  merchant_item_id: text.min(1),
  description: text.optional(),
  quantity: num,
  cost: moneySchema.optional(),
  discount: moneySchema.optional(),
  unit_cost_with_discount: moneySchema.optional(),
  weight: weightSchema.optional(),
  height: distanceSchema.optional(),
  length: distanceSchema.optional(),
  width: distanceSchema.optional(),
  options: list(itemOptionSchema).optional(),
  distribution_center_code: text.optional(),
  kit: bool.optional(),
  kit_component: bool.optional(),
  parent_item_index: z.coerce.number().int().positive().optional(),
  image_url: text.optional(),
  inventory_location: text.optional(),
});

export const summarySchema = z.looseObject({
  subtotal: moneySchema.optional(),
  subtotal_discount: moneySchema.optional(),
  tax: moneySchema.optional(),
  shipping_handling_total: moneySchema.optional(),
  shipping_handling_total_discount: moneySchema.optional(),
  total: moneySchema.optional(),
});

export const orderSchema = z.looseObject({
  order_id: text.trim().min(1),
  merchant_id: text.optional(),
  creation_dts: z.iso.datetime({ offset: true }),
  current_stage: text.optional(),
  currency_code: text.optional(),
  billing: billingSchema.optional(),
  shipping: shippingSchema.optional(),
  items: list(itemSchema),
  summary: summarySchema.optional(),
  coupons: list(z.looseObject({ coupon_code: text, base_coupon_code: text.optional() })).optional(),
  gift: z
    .looseObject({ gift: bool.optional(), gift_message: text.optional(), gift_wrap_title: text.optional(), gift_wrap_cost: moneySchema.optional() })
    .optional(),
  payment: z.looseObject({ payment_method: text.optional(), payment_status: text.optional(), payment_dts: z.iso.datetime({ offset: true }).optional() }).optional(),
  checkout: z.looseObject({ comments: text.optional() }).optional(),
  internal: z
    .looseObject({
      merchant_notes: text.optional(),
      /** The order's activity: notes UltraCart and the merchant's staff added over its life. */
      transactional_merchant_notes: list(z.looseObject({ note: text, note_dts: text.optional(), user: text.optional(), ip_address: text.optional() })).optional(),
    })
    .optional(),
});

export type UltraCartOrder = z.infer<typeof orderSchema>;
export type UltraCartItem = z.infer<typeof itemSchema>;
export type UltraCartWeight = z.infer<typeof weightSchema>;

/** The write-back one ShipStation shipment becomes (the `shippedWithDetails` payload). */
export const shipmentWriteBackSchema = z.object({
  shipment_id: text.min(1),
  tracking_numbers: list(text),
  carrier: text,
  service: text,
  shipping_cost: num,
  ship_date: text,
  notes_to_buyer: text.optional(),
});
export type ShipmentWriteBack = z.infer<typeof shipmentWriteBackSchema>;

/** Names the order and the first failing field, e.g. `order 1001: shipping.country_code: expected string`. */
export class InvalidOrderError extends Error {
  constructor(
    readonly orderId: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`order ${orderId}: ${field}: ${reason}`);
    this.name = 'InvalidOrderError';
  }
}

/**
 * UltraCart's JSON writes an unset field as `null` as often as it leaves it out; both mean "absent". Null object
 * properties are dropped before validation, so `"address2": null` is no reason to park an order, while a null
 * where a value is required still fails naming the field.
 */
function dropNullProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNullProperties);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null ? [] : [[k, dropNullProperties(v)]])));
}

export function parseOrder(raw: unknown): UltraCartOrder {
  const result = orderSchema.safeParse(dropNullProperties(raw));
  if (result.success) return result.data;
  const id = typeof (raw as { order_id?: unknown })?.order_id === 'string' ? (raw as { order_id: string }).order_id : '(unknown)';
  const issue = result.error.issues[0];
  throw new InvalidOrderError(id, issue.path.join('.') || '(order)', issue.message);
}
