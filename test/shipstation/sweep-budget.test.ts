import type { Client } from '@temporalio/client';
import { createShipmentSweepActivities } from '../../src/activities/shipment-sweep';

/** The shipment sweep spends only calls the orders do not need: each page waits while the window is busy. */

it('waits for spare requests above a quarter of the window before each page, and counts its pages', async () => {
  const startedAt = Date.now();
  let spare = 0; // every request of the window is taken by order traffic
  setTimeout(() => (spare = 40), 1_500);
  const pages: Array<{ list: string; atMs: number }> = [];
  const page = (list: string) => async (_since: number, beforePage?: () => Promise<void>) => {
    await beforePage?.();
    pages.push({ list, atMs: Date.now() - startedAt });
    return [];
  };
  const sweep = createShipmentSweepActivities({
    shipstation: {
      spareRequests: () => spare,
      listShipmentsCreatedSince: page('shipments'),
      listFulfillmentsCreatedSince: page('fulfillments'),
      listOrdersModifiedSince: page('orders'),
    },
    // Nothing is found, so no order is signalled.
    temporal: {} as Client,
    config: { shipstation: { rateLimitPerMinute: 40 } as never },
  });
  const result = await sweep.sweepShipments(60_000);
  // No fulfillments: the shipped orders are not listed, only the cancelled ones.
  expect(pages.map((p) => p.list)).toEqual(['shipments', 'fulfillments', 'orders']);
  expect(pages[0].atMs).toBeGreaterThanOrEqual(1_400);
  expect(result).toMatchObject({ shipStationCalls: 3, labels: 0, fulfillments: 0, cancelled: 0, ordersSignalled: 0 });
});
