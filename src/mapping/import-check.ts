import type { UltraCartOrder } from '../ultracart/order-schema';
import { countryCode } from './address';
import { shippableItems } from './kits';
import { cleanText } from './text';

/** Why an order cannot go to ShipStation: the UltraCart field to fix, and what is wrong with it. */
export interface ImportProblem {
  field: string;
  reason: string;
}

const ORDER_NUMBER_MAX = 50;
const ISO_COUNTRY = /^[A-Z]{2}$/;

/**
 * The first reason ShipStation would not get this order: the connector's own rule (no ship-to address) and
 * anything ShipStation would reject. `undefined` when the order can be imported.
 */
export function findImportProblem(order: UltraCartOrder): ImportProblem | undefined {
  const shipping = order.shipping ?? {};
  const missing = (['address1', 'city', 'country_code'] as const).filter((f) => cleanText(shipping[f], 'street') === null).map((f) => `shipping.${f}`);
  if (missing.length > 0) return { field: missing.join(', '), reason: 'empty, so the order has no ship-to address' };

  if (order.order_id.length > ORDER_NUMBER_MAX) {
    return { field: 'order_id', reason: `${order.order_id.length} characters; ShipStation's orderNumber allows ${ORDER_NUMBER_MAX}` };
  }
  for (const block of ['shipping', 'billing'] as const) {
    const raw = order[block]?.country_code;
    const code = countryCode(raw);
    if (raw !== undefined && code !== null && !ISO_COUNTRY.test(code)) {
      return { field: `${block}.country_code`, reason: `${JSON.stringify(raw)} is not an ISO 3166-1 alpha-2 code` };
    }
  }
  const lines = shippableItems(order.items);
  if (lines.length === 0) return { field: 'items', reason: 'no physical item to ship' };
  for (const item of lines) {
    if (!Number.isInteger(item.quantity) || item.quantity <= 0) {
      const at = order.items.indexOf(item);
      return { field: `items.${at}.quantity`, reason: `${item.quantity} is not a positive whole number (item_index ${item.item_index}, ${item.merchant_item_id})` };
    }
  }
  return undefined;
}

/** The problem as one sentence naming the field, e.g. `shipping.address1: empty, so the order has no ship-to address`. */
export function importProblem(order: UltraCartOrder): string | undefined {
  const problem = findImportProblem(order);
  return problem && `${problem.field}: ${problem.reason}`;
}
