import { demoOrderOfKind } from '../sandbox/demo-orders';
import { prng } from '../src/util/prng';

/**
 * Seeded hostile UltraCart orders (no Math.random: a seed replays the set). Each case is a plain valid order with
 * one hostile change and what the product must do with it: reach ShipStation normalized (with a check on the
 * ShipStation store's copy) or park in needs_attention with a reason naming the UltraCart field.
 */

type Order = Record<string, unknown> & { order_id: string };
type SsOrder = Record<string, unknown>;
export type Expectation = { kind: 'ship'; check: (ss: SsOrder) => string | undefined } | { kind: 'park'; field: string };

export interface HostileCase {
  label: string;
  order: Order;
  expect: Expectation;
}

const CONTROLS = ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u000b', '\u001f'];
const ENTITIES = ['&amp;', '&lt;b&gt;', '&eacute;', '&#128512;', '&#x1F69A;', '&quot;', '&nbsp;'];
const EMOJI = ['📦', '🚚', '👩‍👩‍👧‍👦', '🇺🇸', '🙂', '🧑🏽‍🚀', '❤️'];
const CONTROL_RE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/; // eslint-disable-line no-control-regex

type Mutator = (o: Order, pick: <T>(xs: readonly T[]) => T, rand: () => number) => { label: string; expect: Expectation };

const shipTo = (ss: SsOrder) => (ss.shipTo ?? {}) as Record<string, unknown>;
const ship = (check: (ss: SsOrder) => string | undefined): Expectation => ({ kind: 'ship', check });
const park = (field: string): Expectation => ({ kind: 'park', field });
const shipping = (o: Order) => o.shipping as Record<string, unknown>;
const items = (o: Order) => o.items as Array<Record<string, unknown>>;

/** Every string the ShipStation order holds: no control characters, no encoded entities we planted. */
function everyString(value: unknown, visit: (s: string, at: string) => string | undefined, at = ''): string | undefined {
  if (typeof value === 'string') return visit(value, at);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = everyString(value[i], visit, `${at}[${i}]`);
      if (bad) return bad;
    }
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = everyString(v, visit, at ? `${at}.${k}` : k);
      if (bad) return bad;
    }
  }
  return undefined;
}

const noControls = (ss: SsOrder) => everyString(ss, (s, at) => (CONTROL_RE.test(s) ? `${at} keeps a control character: ${JSON.stringify(s.slice(0, 60))}` : undefined));

const MUTATORS: Mutator[] = [
  // --- accepted, normalized ---
  (o, pick) => {
    const c = pick(CONTROLS);
    shipping(o).first_name = `Ann${c}a`;
    shipping(o).address1 = `12${c} Main${c}\tSt`;
    o.checkout = { comments: `ring${c} twice\r\nthen wait` };
    return { label: 'control characters', expect: ship(noControls) };
  },
  (o, pick) => {
    const e = pick(ENTITIES);
    shipping(o).last_name = `O${e}Brien`;
    o.checkout = { comments: `Fish &amp; chips ${e} &lt;please&gt;` };
    return {
      label: 'HTML entities',
      expect: ship((ss) => {
        const notes = String(ss.customerNotes ?? '');
        if (/&amp;|&lt;|&gt;/.test(notes)) return `customerNotes still encoded: ${notes.slice(0, 80)}`;
        if (!notes.includes('Fish & chips')) return `customerNotes lost the text: ${notes.slice(0, 80)}`;
        return /&amp;|&lt;|&eacute;|&#/.test(String(shipTo(ss).name)) ? `shipTo.name still encoded: ${String(shipTo(ss).name)}` : undefined;
      }),
    };
  },
  (o, pick) => {
    const e = `${pick(EMOJI)}${pick(EMOJI)}`;
    shipping(o).first_name = `Zoë ${e}`;
    items(o)[0].description = `Gift box ${e}`;
    o.gift = { gift: true, gift_message: `Happy birthday ${e}${pick(EMOJI)}` };
    return {
      label: 'emoji',
      expect: ship((ss) => (String(shipTo(ss).name).includes(e) ? undefined : `shipTo.name lost the emoji: ${String(shipTo(ss).name)}`)),
    };
  },
  (o, pick, rand) => {
    const length = 10_000 + Math.floor(rand() * 500);
    const unit = `${pick(EMOJI)} leave at the back door & ring; `;
    o.checkout = { comments: unit.repeat(Math.ceil(length / unit.length)).slice(0, length) };
    shipping(o).special_instructions = 'x'.repeat(10_000);
    o.internal = { merchant_notes: 'n'.repeat(10_000) };
    return {
      label: '10,000-character notes',
      expect: ship((ss) => {
        for (const f of ['customerNotes', 'internalNotes']) {
          const v = String(ss[f] ?? '');
          if (v.length === 0 || v.length > 10_000) return `${f} is ${v.length} characters`;
          if (/[\uD800-\uDBFF]$/.test(v.replace(/…$/, ''))) return `${f} cut inside a surrogate pair`;
        }
        return undefined;
      }),
    };
  },
  (o, _pick, rand) => {
    const base = items(o)[0];
    o.items = Array.from({ length: 500 }, (_, i) => ({ ...base, item_index: i + 1, merchant_item_id: `SKU-${i + 1}`, quantity: 1 + Math.floor(rand() * 3) }));
    return {
      label: '500 items',
      expect: ship((ss) => {
        const n = (ss.items as unknown[] | undefined)?.length ?? 0;
        return n === 500 ? undefined : `${n} items in ShipStation, expected 500`;
      }),
    };
  },
  (o) => {
    items(o)[0].quantity = '2';
    items(o)[0].item_index = '1';
    shipping(o).ship_to_residential = 'true';
    return {
      label: 'numbers and booleans as strings',
      expect: ship((ss) => {
        const q = ((ss.items as Array<Record<string, unknown>>)[0] ?? {}).quantity;
        return q === 2 ? undefined : `items[0].quantity is ${JSON.stringify(q)}`;
      }),
    };
  },
  (o, pick) => {
    shipping(o).country_code = pick([' us ', 'us', 'Us\u0007']);
    return { label: 'country code in odd case', expect: ship((ss) => (shipTo(ss).country === 'US' ? undefined : `shipTo.country is ${JSON.stringify(shipTo(ss).country)}`)) };
  },
  (o, pick) => {
    shipping(o).company = `${pick(EMOJI)}${'Ä'.repeat(300)}`;
    shipping(o).city = 'C'.repeat(500);
    return {
      label: 'over-long address fields',
      expect: ship((ss) => {
        const t = shipTo(ss);
        if (String(t.city).length > 60) return `shipTo.city is ${String(t.city).length} characters`;
        if (String(t.company).length > 100) return `shipTo.company is ${String(t.company).length} characters`;
        return undefined;
      }),
    };
  },
  (o) => {
    o.unexpected_field = { deeply: ['nested', 1, null] };
    shipping(o).address2 = null;
    return { label: 'unknown fields and nulls', expect: ship(() => undefined) };
  },
  // --- parked, the reason names the field ---
  (o, pick) => {
    const f = pick(['address1', 'city', 'country_code'] as const);
    delete shipping(o)[f];
    return { label: `missing shipping.${f}`, expect: park(`shipping.${f}`) };
  },
  (o) => {
    delete o.shipping;
    return { label: 'no shipping block', expect: park('shipping.address1') };
  },
  (o, pick) => {
    shipping(o).address1 = pick(['   ', '\u0000\u0007', '&nbsp;']);
    return { label: 'blank shipping.address1', expect: park('shipping.address1') };
  },
  (o, pick) => {
    shipping(o).country_code = pick(['USA', 'ZZZ', '12', 'U S', 'Deutschland', '🇺🇸']);
    return { label: 'invalid shipping country', expect: park('shipping.country_code') };
  },
  (o, pick) => {
    (o.billing as Record<string, unknown>).country_code = pick(['XXX', 'United States']);
    return { label: 'invalid billing country', expect: park('billing.country_code') };
  },
  (o, pick) => {
    items(o)[0].quantity = pick([0, -1, -5, 1.5]);
    return { label: 'zero, negative or fractional quantity', expect: park('items.0.quantity') };
  },
  (o, pick) => {
    items(o)[0].quantity = pick(['two', true, { value: 1 }, null]);
    return { label: 'mistyped quantity', expect: park('items.0.quantity') };
  },
  (o) => {
    delete items(o)[0].merchant_item_id;
    return { label: 'missing merchant_item_id', expect: park('items.0.merchant_item_id') };
  },
  (o) => {
    o.items = [];
    return { label: 'no items', expect: park('items') };
  },
  (o, pick) => {
    o.creation_dts = pick([12345, 'yesterday', null, undefined]);
    if (o.creation_dts === undefined) delete o.creation_dts;
    return { label: 'missing or mistyped creation_dts', expect: park('creation_dts') };
  },
  (o, pick) => {
    o.shipping = pick(['nope', 42, ['a']]);
    return { label: 'mistyped shipping block', expect: park('shipping') };
  },
  (o, pick) => {
    shipping(o).first_name = pick([42, { first: 'Ann' }, ['Ann']]);
    return { label: 'mistyped shipping.first_name', expect: park('shipping.first_name') };
  },
  (o) => {
    shipping(o).weight = { value: 'heavy', uom: 'LB' };
    return { label: 'mistyped shipping.weight', expect: park('shipping.weight') };
  },
  (o) => {
    o.order_id = `${o.order_id}-${'L'.repeat(60)}`;
    return { label: 'order_id over 50 characters', expect: park('order_id') };
  },
];

export function generateHostileOrders(count: number, seed: number, merchantId: string): HostileCase[] {
  const cases: HostileCase[] = [];
  for (let i = 0; i < count; i++) {
    const rand = prng(Math.imul(seed, 0x9e3779b1) ^ (i + 1));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const order = { ...structuredClone(demoOrderOfKind('basic', { merchantId, n: i })), order_id: `H-${i + 1}` } as Order;
    const mutate = MUTATORS[i % MUTATORS.length];
    const { label, expect } = mutate(order, pick, rand);
    cases.push({ label, order, expect });
  }
  return cases;
}
