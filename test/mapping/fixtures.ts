import { shipmentSchema, type Shipment } from '../../src/shipstation/schemas';
import { parseOrder, type UltraCartOrder } from '../../src/ultracart/order-schema';

/** A complete, importable UltraCart order; `patch` replaces top-level fields, merging one level into objects. */
export function anOrder(patch: Record<string, unknown> = {}): UltraCartOrder {
  const base: Record<string, unknown> = {
    order_id: '1001',
    merchant_id: 'ACME',
    creation_dts: '2024-01-15T20:00:00Z',
    current_stage: 'Shipping Department',
    billing: {
      first_name: 'Ana',
      last_name: 'Lopez',
      company: 'Lopez LLC',
      address1: '1 Bill St',
      city: 'Austin',
      state_region: 'TX',
      postal_code: '78701',
      country_code: 'US',
      email: 'ana@example.com',
      day_phone: '512-555-0001',
      evening_phone: '512-555-0002',
    },
    shipping: {
      first_name: 'Ben',
      last_name: 'Ng',
      company: 'Ng Co',
      address1: '2 Ship Ave',
      address2: 'Suite 5',
      city: 'Denver',
      state_region: 'CO',
      postal_code: '80202',
      country_code: 'US',
      day_phone: '303-555-0003',
      evening_phone: '303-555-0004',
      shipping_method: 'FedEx Ground',
      ship_to_residential: false,
    },
    items: [
      { item_index: 1, merchant_item_id: 'SKU-1', description: 'Widget', quantity: 2, cost: { value: 10 }, weight: { value: 3, uom: 'OZ' } },
      { item_index: 2, merchant_item_id: 'SKU-2', description: 'Gadget', quantity: 1, cost: { value: 5.25 }, weight: { value: 2, uom: 'OZ' } },
    ],
    summary: { tax: { value: 1.5 }, shipping_handling_total: { value: 7 }, total: { value: 33.75 } },
    payment: { payment_method: 'Credit Card', payment_dts: '2024-07-15T19:00:00Z' },
  };
  const merged = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const before = base[key];
    const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    merged[key] = isObject(before) && isObject(value) ? { ...(before as object), ...(value as object) } : value;
  }
  return parseOrder(merged);
}

export function aShipment(patch: Partial<Shipment> = {}): Shipment {
  return shipmentSchema.parse({
    shipmentId: 501,
    orderId: 9001,
    orderKey: 'ultracart:ACME:1001',
    orderNumber: '1001',
    createDate: '2024-01-16T09:00:00.0000000',
    shipDate: '2024-01-16',
    shipmentCost: 8.4,
    insuranceCost: 1.1,
    trackingNumber: '1Z999',
    isReturnLabel: false,
    carrierCode: 'ups_walleted',
    serviceCode: 'ups_ground',
    packageCode: 'package',
    voided: false,
    voidDate: null,
    shipmentItems: [
      { lineItemKey: '1', sku: 'SKU-1', name: 'Widget', quantity: 2 },
      { lineItemKey: '2', sku: 'SKU-2', name: 'Gadget', quantity: 1 },
    ],
    ...patch,
  });
}
