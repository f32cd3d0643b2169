import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mapOrder } from '../../src/mapping';
import { parseOrder } from '../../src/ultracart/order-schema';
import { aShipment } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const ucship = (args: string[], input?: string) => spawnSync('node', ['bin/ucship.js', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 30_000 });
const example = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8'));

describe('ucship map (child process)', () => {
  jest.setTimeout(60_000);

  it('prints the ShipStation body for an example order, exit 0', () => {
    const run = ucship(['map', 'examples/gift-with-coupon.json', '--store-id', '3']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(mapOrder(parseOrder(example('gift-with-coupon.json')), { merchantId: 'DEMO', storeId: 3 }));
  });

  it('no ship-to: exit 2 and one line naming the order and the field', () => {
    const run = ucship(['map', 'examples/no-ship-to.json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('order DEMO-1003: shipping.address1: empty, so the order has no ship-to address\n');
  });

  it('malformed JSON on stdin, and a schema failure: exit 2 and one line', () => {
    const bad = ucship(['map', '-'], '{"order_id": "1001",\n  "items": [}');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^order \(unknown\): \(stdin\): not JSON: [^\n]+\n$/);
    const invalid = ucship(['map', '-'], JSON.stringify({ ...example('gift-with-coupon.json'), shipping: { country_code: 5 } }));
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/^order DEMO-1001: shipping\.country_code: [^\n]+\n$/);
  });

  it('--write-back prints what the shipments write back to UltraCart', () => {
    const order = example('kit-with-options-and-images.json');
    const shipments = [aShipment({ shipmentId: 1, carrierCode: 'dhl_express_worldwide', shipmentItems: [{ lineItemKey: '2', quantity: 1 }, { lineItemKey: '3', quantity: 1 }, { lineItemKey: '4', quantity: 2 }] })];
    const run = ucship(['map', '--write-back', '-'], JSON.stringify({ order, shipments }));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      writeBacks: [{ shipment_id: '1', tracking_numbers: ['1Z999'], carrier: 'DHL Express', service: 'ups_ground', shipping_cost: 9.5, ship_date: '2024-01-16' }],
      fullyShipped: true,
    });
    const badShipment = ucship(['map', '--write-back', '-'], JSON.stringify({ order, shipments: [{ shipmentId: 'x' }] }));
    expect(badShipment.status).toBe(2);
    expect(badShipment.stderr).toMatch(/^order DEMO-1002: shipments\.0\.shipmentId: [^\n]+\n$/);
  });
});
