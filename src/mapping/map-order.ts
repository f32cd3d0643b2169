import type { CreateOrderRequest, ImportStatus, ShipStationItem } from '../shipstation/schemas';
import { toPacific } from '../shipstation/pacific-time';
import { orderKeyOf } from '../contract';
import { InvalidOrderError, type UltraCartItem, type UltraCartOrder } from '../ultracart/order-schema';
import { mapAddress } from './address';
import { findImportProblem } from './import-check';
import { shippableItems } from './kits';
import { cents } from './money';
import { cleanText, joinText } from './text';
import { packageDimensions } from './dimensions';
import { sumWeights, toShipStationWeight } from './weight';

export interface MapOrderOptions {
  /** The configured merchant, for orders that do not name theirs. */
  merchantId: string;
  storeId?: number;
  /** UltraCart `current_stage` → ShipStation status; unmapped stages import as `awaiting_shipment`. */
  statusMap?: Record<string, ImportStatus>;
}

const money = (m: { value: number } | undefined) => (m === undefined ? null : cents(m.value));

/**
 * UltraCart order → the ShipStation `createorder` body, row by row of field-map.md. Pure and deterministic.
 * Throws InvalidOrderError when findImportProblem reports one (callers check first), so every body returned
 * passes createOrderRequestSchema.
 */
export function mapOrder(order: UltraCartOrder, opts: MapOrderOptions): CreateOrderRequest {
  const problem = findImportProblem(order);
  if (problem) throw new InvalidOrderError(order.order_id, problem.field, problem.reason);

  const shipping = order.shipping ?? {};
  const billing = order.billing;
  const lines = shippableItems(order.items);
  const discount = cents((order.summary?.subtotal_discount?.value ?? 0) + (order.summary?.shipping_handling_total_discount?.value ?? 0));
  const email = cleanText(billing?.email, 'email');

  return {
    orderNumber: order.order_id,
    // Stable per order, so a re-send (requeue, retry) upserts the same ShipStation order.
    orderKey: orderKeyOf(order.merchant_id ?? opts.merchantId, order.order_id),
    orderDate: toPacific(order.creation_dts),
    paymentDate: order.payment?.payment_dts === undefined ? null : toPacific(order.payment.payment_dts),
    orderStatus: (order.current_stage !== undefined ? opts.statusMap?.[order.current_stage] : undefined) ?? 'awaiting_shipment',
    // field-map: the buyer's email doubles as their ShipStation username.
    customerUsername: email,
    customerEmail: email,
    shipTo: mapAddress(shipping, billing?.day_phone, shipping.ship_to_residential),
    // ShipStation requires a billTo; an order with no billing block is billed to its ship-to.
    billTo: billing ? mapAddress(billing, shipping.day_phone) : mapAddress(shipping, undefined),
    items: [...lines.map(mapItem), ...couponLines(order.coupons ?? [], discount)],
    amountPaid: money(order.summary?.total),
    taxAmount: money(order.summary?.tax),
    shippingAmount: money(order.summary?.shipping_handling_total),
    customerNotes: joinText([order.checkout?.comments, shipping.special_instructions], '\n\n', 'notes'),
    internalNotes: joinText([order.internal?.merchant_notes, orderActivity(order.internal?.transactional_merchant_notes ?? [])], '\n\n', 'notes'),
    gift: order.gift?.gift ?? false,
    giftMessage: joinText([order.gift?.gift_message, order.gift?.gift_wrap_title], '\n', 'giftMessage'),
    paymentMethod: cleanText(order.payment?.payment_method, 'paymentMethod'),
    requestedShippingService: cleanText(shipping.shipping_method, 'shippingService'),
    weight: shipping.weight && shipping.weight.value > 0 ? toShipStationWeight(shipping.weight) : sumWeights(lines),
    dimensions: packageDimensions(lines),
    advancedOptions: {
      storeId: opts.storeId ?? null,
      customField3: discount > 0 ? discount.toFixed(2) : '',
      source: 'UltraCart',
    },
  };
}

/** UltraCart's transactional merchant notes as one "Order activity" block, oldest first as UltraCart lists them. */
function orderActivity(notes: readonly { note: string; note_dts?: string; user?: string }[]): string | undefined {
  const lines = notes.filter((n) => n.note.trim() !== '').map((n) => `${[n.note_dts, n.user].filter((p) => p && p.trim() !== '').join(' ') || '-'}: ${n.note.trim()}`);
  return lines.length === 0 ? undefined : `Order activity:\n${lines.join('\n')}`;
}

function mapItem(item: UltraCartItem): ShipStationItem {
  return {
    lineItemKey: String(item.item_index),
    sku: cleanText(item.merchant_item_id, 'sku'),
    name: cleanText(item.description, 'itemName') ?? cleanText(item.merchant_item_id, 'itemName') ?? '',
    imageUrl: cleanText(item.image_url, 'imageUrl'),
    weight: item.weight ? toShipStationWeight(item.weight) : null,
    quantity: item.quantity,
    unitPrice: money(item.cost),
    warehouseLocation: cleanText(item.inventory_location, 'warehouseLocation'),
    options: (item.options ?? []).flatMap((o) => {
      const name = cleanText(o.label, 'optionName');
      return name === null ? [] : [{ name, value: cleanText(o.value, 'optionValue') ?? '' }];
    }),
    adjustment: false,
  };
}

/**
 * One adjustment line per coupon. UltraCart reports no per-coupon amount, so the whole discount sits on the
 * first coupon and the others carry 0: the lines still name every code, and the total stays right.
 */
function couponLines(coupons: readonly { coupon_code: string }[], discount: number): ShipStationItem[] {
  return coupons.flatMap((coupon, i) => {
    const code = cleanText(coupon.coupon_code, 'sku');
    if (code === null) return [];
    return [
      {
        lineItemKey: `coupon-${i + 1}`,
        sku: cleanText(`COUPON-${code}`, 'sku'),
        name: cleanText(`Coupon ${code}`, 'itemName') ?? code,
        quantity: 1,
        unitPrice: i === 0 && discount > 0 ? -discount : 0,
        adjustment: true,
      },
    ];
  });
}
