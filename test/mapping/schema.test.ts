import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importProblem, mapOrder } from '../../src/mapping';
import { createOrderRequestSchema } from '../../src/shipstation/schemas';
import { parseOrder } from '../../src/ultracart/order-schema';
import { anOrder } from './fixtures';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

describe('every mapped body passes createOrderRequestSchema', () => {
  const orders = [
    ...readdirSync(EXAMPLES).map((f) => parseOrder(JSON.parse(readFileSync(path.join(EXAMPLES, f), 'utf8')))),
    anOrder(),
    anOrder({ billing: undefined, summary: undefined, payment: undefined, gift: undefined, current_stage: undefined }),
    anOrder({ shipping: { first_name: '', last_name: '', company: '', day_phone: '', evening_phone: '' }, billing: { day_phone: '' } }),
    anOrder({ shipping: { first_name: '&#x1F600;'.repeat(200), address1: 'x'.repeat(500) }, coupons: [{ coupon_code: 'C'.repeat(300) }] }),
  ].filter((o) => importProblem(o) === undefined);

  it.each(orders.map((o) => [o.order_id, o]))('order %s', (_id, order) => {
    const body = mapOrder(order, { merchantId: 'DEMO', storeId: 7, statusMap: { Hold: 'on_hold' } });
    expect(createOrderRequestSchema.parse(body)).toEqual(body);
  });
});
