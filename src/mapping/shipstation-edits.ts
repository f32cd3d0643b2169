import { advancedOptionsSchema, createOrderRequestSchema, type CreateOrderRequest, type ShipStationOrder } from '../shipstation/schemas';

/**
 * Who owns which field once an order exists in ShipStation (field-map.md, "Requeue: UltraCart-owned and
 * ShipStation-owned fields"). A requeue sends the latest UltraCart data, but createorder replaces the whole
 * order: the fields below are the merchant's work in ShipStation and are sent back as ShipStation has them.
 */
const SHIPSTATION_OWNED = [
  'carrierCode',
  'serviceCode',
  'packageCode',
  'confirmation',
  'holdUntilDate',
  'dimensions',
  'insuranceOptions',
  'internationalOptions',
  'tagIds',
] as const;
const SHIPSTATION_OWNED_ADVANCED = [
  'customField1',
  'customField2',
  'warehouseId',
  'nonMachinable',
  'saturdayDelivery',
  'containsAlcohol',
  'billToParty',
  'billToAccount',
  'billToPostalCode',
  'billToCountryCode',
  'billToMyOtherAccount',
] as const;
/** The statuses a merchant sets in ShipStation on an open order (a hold, awaiting payment): kept on update. */
const KEPT_STATUSES: readonly string[] = ['awaiting_payment', 'awaiting_shipment', 'on_hold', 'pending_fulfillment'];

const ownedSchema = createOrderRequestSchema
  .pick({ ...Object.fromEntries(SHIPSTATION_OWNED.map((k) => [k, true])), weight: true } as Record<(typeof SHIPSTATION_OWNED)[number] | 'weight', true>)
  .partial()
  .extend({ advancedOptions: advancedOptionsSchema.partial().nullable().optional() });

/** `fresh` (mapped from UltraCart now) with the ShipStation-owned fields of `current` (GET /orders/{id}). */
export function keepShipStationEdits(fresh: CreateOrderRequest, current: ShipStationOrder): CreateOrderRequest {
  const owned = ownedSchema.safeParse(current);
  // A current order we cannot read field by field is not merged: its edits are not guessed at.
  if (!owned.success) return fresh;
  const edits = owned.data;
  const merged: CreateOrderRequest = { ...fresh, orderStatus: KEPT_STATUSES.includes(current.orderStatus) ? current.orderStatus : fresh.orderStatus };
  for (const key of SHIPSTATION_OWNED) if (edits[key] !== undefined) Object.assign(merged, { [key]: edits[key] });
  // A weight set (or corrected) in ShipStation wins; an empty one (ShipStation shows 0 oz) keeps UltraCart's.
  if (edits.weight && edits.weight.value > 0) merged.weight = edits.weight;
  const advanced = { ...fresh.advancedOptions };
  for (const key of SHIPSTATION_OWNED_ADVANCED) {
    const value = edits.advancedOptions?.[key];
    if (value !== undefined) Object.assign(advanced, { [key]: value });
  }
  merged.advancedOptions = advanced;
  return merged;
}

