import { z } from 'zod';
import { orderStatusSchema, pacificInputDate } from '../../src/shipstation/schemas';

/** Request shapes the simulator accepts beyond the shared ShipStation schemas: V1 bodies, queries, admin routes. */

const id = z.coerce.number().int().positive();
const bool = z
  .string()
  .regex(/^(true|false)$/i, 'must be true or false')
  .transform((v) => v.toLowerCase() === 'true');
const paging = { page: id.default(1), pagesize: z.coerce.number().int().min(1).max(500).default(100) };

// Query schemas use lower-case names (see lowerCaseQuery).
export const ordersQuerySchema = z.object({
  ordernumber: z.string().optional(),
  orderstatus: orderStatusSchema.optional(),
  storeid: id.optional(),
  createdatestart: pacificInputDate.optional(),
  createdateend: pacificInputDate.optional(),
  modifydatestart: pacificInputDate.optional(),
  modifydateend: pacificInputDate.optional(),
  ...paging,
});
export const shipmentsQuerySchema = z.object({
  orderid: id.optional(),
  ordernumber: z.string().optional(),
  batchid: id.optional(),
  createdatestart: pacificInputDate.optional(),
  createdateend: pacificInputDate.optional(),
  voiddatestart: pacificInputDate.optional(),
  voiddateend: pacificInputDate.optional(),
  includeshipmentitems: bool.default(false),
  ...paging,
});
export const fulfillmentsQuerySchema = z.object({
  orderid: id.optional(),
  ordernumber: z.string().optional(),
  createdatestart: pacificInputDate.optional(),
  createdateend: pacificInputDate.optional(),
  ...paging,
});
export const storesQuerySchema = z.object({ showinactive: bool.default(false), marketplaceid: id.optional() });

export const createOrdersRequestSchema = z.array(z.unknown()).min(1).max(100, 'at most 100 orders per call');

export const holdUntilSchema = z.object({ orderId: z.number().int(), holdUntilDate: pacificInputDate });
export const orderIdBodySchema = z.object({ orderId: z.number().int() });
/** markasshipped's shipDate is a date, as ShipStation's own example shows (`"2014-04-01"`); a time is accepted too. */
const shipDateInput = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be yyyy-MM-dd'), pacificInputDate]);
export const markAsShippedSchema = z.object({
  orderId: z.number().int(),
  carrierCode: z.string().min(1),
  shipDate: shipDateInput.nullable().optional(),
  trackingNumber: z.string().nullable().optional(),
  notifyCustomer: z.boolean().optional(),
  notifySalesChannel: z.boolean().optional(),
});

export const simLabelSchema = z
  .object({
    orderId: z.number().int().optional(),
    orderKey: z.string().min(1).optional(),
    carrierCode: z.string().min(1),
    serviceCode: z.string().min(1),
    trackingNumber: z.string().min(1).optional(),
    shipmentCost: z.number().min(0),
    insuranceCost: z.number().min(0).optional(),
    items: z.array(z.object({ lineItemKey: z.string().min(1), quantity: z.number().int().positive() })).min(1).optional(),
    notesToBuyer: z.string().optional(),
    isReturnLabel: z.boolean().optional(),
  })
  .refine((b) => (b.orderId === undefined) !== (b.orderKey === undefined), 'give exactly one of orderId or orderKey');
export type SimLabelRequest = z.infer<typeof simLabelSchema>;

/** `batch_ms`: buy the labels that fall due within each such tick as one batch (one SHIP_NOTIFY), as merchants do. */
export const autoshipSchema = z.object({ after_ms: z.number().int().min(0), batch_ms: z.number().int().min(1).optional() });

export const FAULT_MODES = ['429', 'http500', 'delay', 'drop_webhook', 'duplicate_webhook'] as const;
export const faultSchema = z.object({
  /** A route as counted in stats, e.g. "POST /orders/createorder" or "/shipments" (any method); absent: every route. */
  route: z.string().min(1).optional(),
  mode: z.enum(FAULT_MODES),
  /** How many times it fires; absent: until cleared. */
  count: z.number().int().positive().optional(),
  /** Chance it fires on each matching request or delivery. */
  rate: z.number().min(0).max(1).default(1),
  delay_ms: z.number().int().min(0).default(5000),
});
export type FaultSpec = z.infer<typeof faultSchema>;

export const simStoreSchema = z.object({
  storeName: z.string().min(1),
  marketplaceName: z.string().min(1),
  marketplaceId: z.number().int().default(0),
  active: z.boolean().default(true),
});
