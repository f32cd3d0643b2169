import { findImportProblem, importProblem, mapOrder } from '../../src/mapping';
import { InvalidOrderError } from '../../src/ultracart/order-schema';
import { anOrder } from './fixtures';

describe('import conditions', () => {
  it('an importable order has no problem', () => {
    expect(importProblem(anOrder())).toBeUndefined();
  });

  it('no ship-to address (no shipping.address1, city or country_code): not sent, the reason names the field(s)', () => {
    expect(importProblem(anOrder({ shipping: { address1: '' } }))).toBe('shipping.address1: empty, so the order has no ship-to address');
    expect(importProblem(anOrder({ shipping: { city: undefined, country_code: ' ' } }))).toBe(
      'shipping.city, shipping.country_code: empty, so the order has no ship-to address',
    );
    expect(importProblem(anOrder({ shipping: undefined }))).toMatch(/^shipping.address1, shipping.city, shipping.country_code: /);
  });

  it('orderNumber longer than 50 characters: an import problem, never truncated', () => {
    expect(importProblem(anOrder({ order_id: 'X'.repeat(51) }))).toBe("order_id: 51 characters; ShipStation's orderNumber allows 50");
    expect(importProblem(anOrder({ order_id: 'X'.repeat(50) }))).toBeUndefined();
  });

  it('country not ISO 3166-1 alpha-2 (shipping or billing)', () => {
    expect(importProblem(anOrder({ shipping: { country_code: 'USA' } }))).toBe('shipping.country_code: "USA" is not an ISO 3166-1 alpha-2 code');
    expect(importProblem(anOrder({ billing: { country_code: 'U5' } }))).toMatch(/^billing.country_code: /);
    expect(importProblem(anOrder({ shipping: { country_code: 'ca' } }))).toBeUndefined();
  });

  it('no physical items', () => {
    expect(importProblem(anOrder({ items: [] }))).toBe('items: no physical item to ship');
  });

  it('zero, negative or fractional quantities name the item', () => {
    const withQuantity = (quantity: number) => anOrder({ items: [{ item_index: 1, merchant_item_id: 'A', quantity: 1 }, { item_index: 2, merchant_item_id: 'B', quantity }] });
    expect(importProblem(withQuantity(0))).toBe('items.1.quantity: 0 is not a positive whole number (item_index 2, B)');
    expect(importProblem(withQuantity(-1))).toMatch(/^items.1.quantity: -1 /);
    expect(importProblem(withQuantity(1.5))).toMatch(/^items.1.quantity: 1.5 /);
  });

  it('mapOrder refuses an order with a problem, naming order and field', () => {
    const order = anOrder({ shipping: { address1: undefined } });
    expect(findImportProblem(order)).toEqual({ field: 'shipping.address1', reason: 'empty, so the order has no ship-to address' });
    expect(() => mapOrder(order, { merchantId: 'DEMO' })).toThrow(InvalidOrderError);
    expect(() => mapOrder(order, { merchantId: 'DEMO' })).toThrow('order 1001: shipping.address1: empty, so the order has no ship-to address');
  });
});
