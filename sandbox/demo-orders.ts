import { prng } from '../src/util/prng';
import { SANDBOX_DEFAULTS } from '../src/config';
import {
  COMMENTS,
  COUPONS,
  GIFT_MESSAGES,
  GIFT_WRAPS,
  INTERNATIONAL_ADDRESSES,
  KIT,
  MERCHANT_NOTES,
  PAYMENT_METHODS,
  PEOPLE,
  PRODUCTS,
  SHIPPING_METHODS,
  SPECIAL_INSTRUCTIONS,
  US_ADDRESSES,
  type DemoAddress,
  type Script,
} from './demo-pools';

/**
 * Deterministic demo orders in the UltraCart Order shape (plain JSON, as the simulator's POST /_sim/orders takes).
 * Features rotate with the order's position so any 20 consecutive orders cover every row of field-map.md; the
 * values come from a seeded PRNG. Order n is the same whatever the count, so a smaller set is a prefix.
 */

export interface DemoOptions {
  merchantId?: string;
  /** Order ids are `<idPrefix><n>`, n from 1001. */
  idPrefix?: string;
  dcCode?: string;
  /** Every 10th order has no complete ship-to address (UltraCart's "needs attention" case); default true. */
  includeUnshippable?: boolean;
}

export type DemoOrderKind = 'basic' | 'gift' | 'coupons' | 'kit' | 'international' | 'rtl' | 'unshippable' | 'long-notes' | 'discounts';

type Uom = 'LB' | 'OZ' | 'KG' | 'G';
const WEIGHT_UOMS: Uom[] = ['LB', 'OZ', 'KG', 'G'];
const SCRIPTS: Script[] = ['latin', 'cjk', 'arabic', 'latin', 'hebrew', 'emoji'];

interface Features {
  script: Script;
  international: boolean;
  shipTo: 'full' | 'missing' | 'incomplete';
  /** The order-level weight's unit, or none (then the items' weights count). */
  orderWeight?: Uom;
  itemCount: number;
  kit: boolean;
  coupons: 0 | 1 | 2;
  shippingDiscount: boolean;
  gift: 'none' | 'message' | 'wrap';
  longNotes: boolean;
  internalNotes: boolean;
  specialInstructions: boolean;
  stage: string;
}

/** Which features order n (0-based) shows. */
function featuresFor(n: number, includeUnshippable: boolean): Features {
  return {
    script: SCRIPTS[n % SCRIPTS.length],
    international: n % 4 === 2,
    shipTo: includeUnshippable && n % 10 === 9 ? (n % 20 === 9 ? 'missing' : 'incomplete') : 'full',
    orderWeight: n % 3 === 0 ? undefined : WEIGHT_UOMS[(n >> 1) % 4],
    itemCount: 1 + (n % 4),
    kit: n % 5 === 3,
    coupons: n % 5 === 1 ? 1 : n % 5 === 4 ? 2 : 0,
    shippingDiscount: n % 7 === 2,
    gift: n % 6 === 0 ? 'wrap' : n % 6 === 3 ? 'message' : 'none',
    longNotes: n % 8 === 5,
    internalNotes: n % 3 === 1,
    specialInstructions: n % 4 === 1,
    stage: n % 13 === 12 ? 'Hold' : 'Shipping Department',
  };
}

const KIND_FEATURES: Record<DemoOrderKind, Partial<Features>> = {
  basic: {},
  gift: { gift: 'wrap' },
  coupons: { coupons: 2 },
  kit: { kit: true, itemCount: 2 },
  international: { international: true, script: 'cjk' },
  rtl: { script: 'arabic', international: true },
  unshippable: { shipTo: 'missing' },
  'long-notes': { longNotes: true, internalNotes: true, specialInstructions: true },
  discounts: { coupons: 1, shippingDiscount: true },
};

const PLAIN: Features = {
  script: 'latin',
  international: false,
  shipTo: 'full',
  orderWeight: 'LB',
  itemCount: 1,
  kit: false,
  coupons: 0,
  shippingDiscount: false,
  gift: 'none',
  longNotes: false,
  internalNotes: false,
  specialInstructions: false,
  stage: 'Shipping Department',
};

export function generateDemoOrders(count: number, seed = 1, opts: DemoOptions = {}): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, n) => buildOrder(n, seed, featuresFor(n, opts.includeUnshippable ?? true), opts));
}

/** One order showing a single feature on a plain order, for tests that need exactly that case. */
export function demoOrderOfKind(kind: DemoOrderKind, opts: DemoOptions & { n?: number } = {}): Record<string, unknown> {
  return buildOrder(opts.n ?? 0, 1, { ...PLAIN, ...KIND_FEATURES[kind] }, opts);
}


const round2 = (x: number) => Math.round(x * 100) / 100;
const LONG_NOTE = 'Please read carefully: '.concat('the customer asked that every item be wrapped separately & labelled; '.repeat(32)).trim();

function buildOrder(n: number, seed: number, f: Features, opts: DemoOptions): Record<string, unknown> {
  const rand = prng(Math.imul(seed, 0x9e3779b1) ^ (n + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const money = (value: number, currency_code: string) => ({ value: round2(value), currency_code });
  const orderId = `${opts.idPrefix ?? 'DEMO-'}${1001 + n}`;
  const dc = opts.dcCode ?? SANDBOX_DEFAULTS.dcCode;

  const person = pick(PEOPLE[f.script]);
  const billTo: DemoAddress = pick(US_ADDRESSES);
  const shipTo: DemoAddress = f.international ? pick(INTERNATIONAL_ADDRESSES[f.script]) : pick(US_ADDRESSES);
  const currency = shipTo.currency_code;
  const created = new Date(Date.UTC(2024, 4, 1, 12) + n * 37 * 60_000 + Math.floor(rand() * 600) * 1000);
  const email = `customer${n + 1}@example.com`;

  const items: Record<string, unknown>[] = [];
  const addItem = (item: Record<string, unknown>) => items.push({ item_index: items.length + 1, distribution_center_code: dc, ...item });
  if (f.kit) {
    addItem({ merchant_item_id: KIT.sku, description: KIT.description, quantity: 1, cost: money(KIT.price, currency), kit: true, image_url: `https://images.example.com/${KIT.sku}.jpg` });
    const parent = items.length;
    for (const c of KIT.components) {
      addItem({ merchant_item_id: c.sku, description: c.description, quantity: 1, cost: money(0, currency), weight: c.weight, kit_component: true, parent_item_index: parent, inventory_location: c.location });
    }
  }
  for (let i = f.kit ? 1 : 0; i < f.itemCount; i++) {
    const p = PRODUCTS[(n + i * 2) % PRODUCTS.length];
    addItem({
      merchant_item_id: p.sku,
      description: p.description,
      quantity: 1 + Math.floor(rand() * 3),
      cost: money(p.price, currency),
      weight: p.weight,
      height: { value: 4, uom: 'IN' },
      length: { value: 8, uom: 'IN' },
      width: { value: round2(2 + rand() * 4), uom: 'IN' },
      ...(p.options ? { options: p.options } : {}),
      image_url: `https://images.example.com/${p.sku}.jpg`,
      inventory_location: p.location,
      barcode: `0${String(700000000000 + n * 10 + i)}`,
    });
  }

  const subtotal = items.reduce((s, it) => s + (it.cost as { value: number }).value * (it.quantity as number), 0);
  const coupons = COUPONS.slice(0, f.coupons);
  const subtotalDiscount = f.coupons === 0 ? 0 : round2(subtotal * 0.05 * f.coupons);
  if (subtotalDiscount > 0) {
    // The discount lands on the first paid line, as UltraCart reports it per item.
    const first = items.find((it) => !it.kit_component) as Record<string, unknown> & { cost: { value: number }; quantity: number };
    first.discount = money(subtotalDiscount, currency);
    first.unit_cost_with_discount = money(first.cost.value - subtotalDiscount / first.quantity, currency);
  }
  const shippingTotal = round2(5 + rand() * 20);
  const shippingDiscount = f.shippingDiscount ? round2(shippingTotal / 2) : 0;
  const tax = round2((subtotal - subtotalDiscount) * 0.0825);
  const total = round2(subtotal - subtotalDiscount + tax + shippingTotal - shippingDiscount);

  const addressOf = (a: DemoAddress) => ({
    first_name: person.first_name,
    last_name: person.last_name,
    ...(person.company ? { company: person.company } : {}),
    address1: a.address1,
    ...(a.address2 ? { address2: a.address2 } : {}),
    city: a.city,
    ...(a.state_region ? { state_region: a.state_region } : {}),
    ...(a.postal_code ? { postal_code: a.postal_code } : {}),
    country_code: a.country_code,
  });
  const shipping: Record<string, unknown> = {
    ...addressOf(shipTo),
    // Phones vary so the shipTo.phone fallbacks (day, evening, billing) are all exercised.
    ...(n % 3 === 0 ? { day_phone: shipTo.day_phone ?? '555-0100' } : n % 3 === 1 ? { evening_phone: '555-0199' } : {}),
    shipping_method: pick(SHIPPING_METHODS),
    ship_to_residential: n % 2 === 0,
    ...(f.specialInstructions ? { special_instructions: pick(SPECIAL_INSTRUCTIONS) } : {}),
    ...(f.orderWeight ? { weight: orderWeight(items, f.orderWeight) } : {}),
  };
  if (f.shipTo === 'incomplete') for (const k of ['address1', 'city', 'country_code']) delete shipping[k];

  return {
    order_id: orderId,
    merchant_id: opts.merchantId ?? SANDBOX_DEFAULTS.merchantId,
    creation_dts: created.toISOString(),
    current_stage: f.stage,
    currency_code: currency,
    billing: {
      ...addressOf(billTo),
      email,
      ...(n % 4 === 0 ? { cc_emails: [`accounts+${n}@example.com`] } : {}),
      day_phone: billTo.day_phone ?? '312-555-0123',
    },
    ...(f.shipTo === 'missing' ? {} : { shipping }),
    items,
    summary: {
      subtotal: money(subtotal, currency),
      subtotal_discount: money(subtotalDiscount, currency),
      tax: money(tax, currency),
      shipping_handling_total: money(shippingTotal, currency),
      shipping_handling_total_discount: money(shippingDiscount, currency),
      total: money(total, currency),
    },
    ...(coupons.length ? { coupons } : {}),
    gift:
      f.gift === 'none'
        ? { gift: false }
        : { gift: true, gift_message: pick(GIFT_MESSAGES), ...(f.gift === 'wrap' ? { gift_wrap_title: pick(GIFT_WRAPS), gift_wrap_cost: money(4.95, currency) } : {}) },
    payment: { payment_method: PAYMENT_METHODS[n % PAYMENT_METHODS.length], payment_status: 'Processed', payment_dts: new Date(created.getTime() + 90_000).toISOString() },
    checkout: { comments: f.longNotes ? LONG_NOTE : n % 2 === 1 ? pick(COMMENTS) : '' },
    ...(f.internalNotes || f.longNotes ? { internal: { merchant_notes: f.longNotes ? `${LONG_NOTE}\n${pick(MERCHANT_NOTES)}` : pick(MERCHANT_NOTES) } } : {}),
    // Fields real orders carry beyond the subset this project reads; they must pass through untouched.
    customer_profile: { customer_profile_oid: 500000 + n, email },
    properties: [{ name: 'source', value: 'demo' }],
    Tags: n % 2 === 0 ? [{ tag_value: 'demo' }] : [],
    fraud_score: { score: round2(rand() * 10) },
  };
}

/** The order's total weight in the given unit (items × quantity), as UltraCart reports shipping.weight. */
function orderWeight(items: Record<string, unknown>[], uom: Uom) {
  const GRAMS: Record<Uom, number> = { LB: 453.59237, OZ: 28.349523125, KG: 1000, G: 1 };
  const grams = items.reduce((sum, it) => {
    const w = it.weight as { value: number; uom: Uom } | undefined;
    return w ? sum + w.value * GRAMS[w.uom] * (it.quantity as number) : sum;
  }, 0);
  return { value: round2(grams / GRAMS[uom]), uom };
}
