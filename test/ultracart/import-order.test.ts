import { createUltraCartActivities } from '../../src/activities/ultracart';
import type { UltraCartTransport } from '../../src/ultracart/transport';
import { demoOrderOfKind } from '../../sandbox/demo-orders';
import { parseOrder } from '../../src/ultracart/order-schema';

/** The import step: the data the ingest handed over, or UltraCart's latest version where the transport has a fetch. */

const handedOver = { ...demoOrderOfKind('basic', { merchantId: 'IMP' }), order_id: 'IMP-1', checkout: { comments: 'as the queue had it' } };
const latest = parseOrder({ ...handedOver, checkout: { comments: 'edited since' } });

function activities(kind: 'soap' | 'rest') {
  const fetched: string[] = [];
  const ultracart = {
    kind,
    ...(kind === 'soap' ? { getOrder: async (id: string) => (fetched.push(id), latest) } : {}),
  } as unknown as UltraCartTransport;
  return { fetched, importOrder: createUltraCartActivities({ ultracart, batching: { lingerMs: 0, maxWaitMs: 0 } }).importOrder };
}

it.each(['soap', 'rest'] as const)('%s: the handed-over order is imported as it is, fetching nothing', async (kind) => {
  const a = activities(kind);
  expect(await a.importOrder('IMP-1', handedOver)).toMatchObject({ ok: true, order: { checkout: { comments: 'as the queue had it' } } });
  expect(a.fetched).toEqual([]);
});

it('soap: after a requeue without data (refetch) the latest version is fetched', async () => {
  const a = activities('soap');
  expect(await a.importOrder('IMP-1', handedOver, true)).toMatchObject({ ok: true, order: { checkout: { comments: 'edited since' } } });
  expect(a.fetched).toEqual(['IMP-1']);
});

it('rest: a refetch imports the data UltraCart last handed out (it has no per-order fetch)', async () => {
  expect(await activities('rest').importOrder('IMP-1', handedOver, true)).toMatchObject({ ok: true, order: { checkout: { comments: 'as the queue had it' } } });
});

it('rest: with no data at all the order is refused, saying how to requeue it', async () => {
  expect(await activities('rest').importOrder('IMP-1')).toEqual({ ok: false, reason: expect.stringMatching(/^order IMP-1: UltraCart's REST API has no per-order fetch; requeue the order in UltraCart/) });
});
