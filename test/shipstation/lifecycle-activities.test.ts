import type { ShipStationSimulator } from '../../sandbox/shipstation';
import { createShipStationActivities } from '../../src/activities/shipstation';
import { createUltraCartActivities } from '../../src/activities/ultracart';
import type { ShipStationClient } from '../../src/shipstation/client';
import type { UltraCartTransport } from '../../src/ultracart/transport';
import { admin, clientFor, order, rest, startSim } from './helpers';

/** The ShipStation activities the order's life needs, against the simulator over real HTTP. */

let sim: ShipStationSimulator;
let client: ShipStationClient;
let activities: ReturnType<typeof createShipStationActivities>;

beforeAll(async () => {
  sim = await startSim();
  client = clientFor(sim.url);
  activities = createShipStationActivities({ shipstation: client, batching: { lingerMs: 0, maxWaitMs: 0 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** What the merchant does to an order in ShipStation's UI: choose service and package, weigh it, customs, tags... */
const EDITS = {
  carrierCode: 'fedex',
  serviceCode: 'fedex_ground',
  packageCode: 'package',
  confirmation: 'delivery',
  weight: { value: 42, units: 'ounces' as const },
  dimensions: { length: 10, width: 8, height: 4, units: 'inches' as const },
  tagIds: [7, 9],
  internationalOptions: { contents: 'merchandise', nonDelivery: 'return_to_sender', customsItems: [{ description: 'Mug', quantity: 2, value: 10, harmonizedTariffCode: '6912.00', countryOfOrigin: 'CN' }] },
  insuranceOptions: { provider: 'carrier', insureShipment: true, insuredValue: 40 },
};

async function editedInShipStation(orderNumber: string) {
  const created = await activities.upsertShipStationOrder(order(orderNumber, { customerNotes: 'first version' }));
  const current = await client.getOrder(created.orderId);
  const advancedOptions = { ...(current.advancedOptions as object), customField1: 'picked by Ann', customField2: 'bin 12' };
  await rest(sim.url, 'POST', '/orders/createorder', { ...current, ...EDITS, advancedOptions });
  await rest(sim.url, 'POST', '/orders/holduntil', { orderId: created.orderId, holdUntilDate: '2030-01-02 00:00:00' });
  return created.orderId;
}

it('a requeue updates the UltraCart-owned fields and keeps every edit made in ShipStation, the hold included', async () => {
  const id = await editedInShipStation('LIFE-1');
  const requeued = await activities.upsertShipStationOrder(order('LIFE-1', { customerNotes: 'edited in UltraCart', weight: { value: 3, units: 'ounces' } }), id);
  expect(requeued).toEqual({ orderId: id, status: 'on_hold', locked: false });
  const after = (await rest(sim.url, 'GET', `/orders/${id}`)).body;
  expect(after).toMatchObject({ ...EDITS, customerNotes: 'edited in UltraCart', orderStatus: 'on_hold', holdUntilDate: '2030-01-02 00:00:00' });
  expect(after.advancedOptions).toMatchObject({ customField1: 'picked by Ann', customField2: 'bin 12' });
});

it('a cancel keeps the ShipStation edits too', async () => {
  const id = await editedInShipStation('LIFE-2');
  await rest(sim.url, 'POST', '/orders/restorefromhold', { orderId: id });
  expect(await activities.cancelShipStationOrder(id)).toEqual({ status: 'cancelled', cancelled: true });
  expect((await rest(sim.url, 'GET', `/orders/${id}`)).body).toMatchObject({ ...EDITS, orderStatus: 'cancelled' });
});

it('a requeue of a shipped order is not sent at all: the order is read, found locked, left as it is', async () => {
  const { orderId } = await activities.upsertShipStationOrder(order('LIFE-3'));
  await admin(sim.url, 'POST', '/_sim/shipments', { orderId, carrierCode: 'ups_walleted', serviceCode: 'ups_ground', shipmentCost: 5 });
  const creates = async () => ((await admin<{ requests: Record<string, number> }>(sim.url, 'GET', '/_sim/stats')).body.requests['POST /orders/createorder'] ?? 0);
  const before = await creates();
  expect(await activities.upsertShipStationOrder(order('LIFE-3', { customerNotes: 'late edit' }), orderId)).toEqual({ orderId, status: 'shipped', locked: true });
  expect(await creates()).toBe(before);
});

it('"mark as shipped" with a date-only shipDate is accepted; the poll lists it and it is written back with its tracking number', async () => {
  const { orderId } = await activities.upsertShipStationOrder(order('LIFE-4'));
  const marked = await rest(sim.url, 'POST', '/orders/markasshipped', { orderId, carrierCode: 'usps', shipDate: '2014-04-01', trackingNumber: '9400MARKED', notifyCustomer: false, notifySalesChannel: false });
  expect(marked.status).toBe(200);
  const state = await activities.getShipmentState(orderId);
  expect(state.orderStatus).toBe('shipped');
  expect(state.shipments).toEqual([expect.objectContaining({ trackingNumber: '9400MARKED', carrierCode: 'usps', shipDate: '2014-04-01', fulfillmentId: expect.any(Number) })]);

  const sent: Array<{ shipment_id: string; tracking_numbers: string[]; carrier: string }> = [];
  const ultracart = { ship: async (orders: Array<{ changed: typeof sent }>) => (sent.push(...orders.flatMap((o) => o.changed)), {}) } as unknown as UltraCartTransport;
  const lines = [{ lineItemKey: '1', quantity: 2 }, { lineItemKey: '2', quantity: 1 }];
  const result = await createUltraCartActivities({ ultracart, batching: { lingerMs: 0, maxWaitMs: 0 } }).writeBack({ orderId: 'LIFE-4', shipments: state.shipments, written: {}, lines, orderStatus: state.orderStatus });
  expect(result.fullyShipped).toBe(true);
  const key = `fulfillment-${state.shipments[0].fulfillmentId}`;
  expect(sent).toEqual([expect.objectContaining({ shipment_id: key, tracking_numbers: ['9400MARKED'], carrier: 'USPS' })]);
  expect(result.written).toEqual({ [key]: { voided: false, trackingNumbers: ['9400MARKED'] } });
});
