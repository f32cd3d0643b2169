import { formatOrder, formatShipment, formatStore } from './format';
import { parseBody } from './http-io';
import type { Route } from './router';
import { type FaultSpec, autoshipSchema, faultSchema, simLabelSchema, simStoreSchema } from './schemas';
import type { SimState } from './state';

/** What the admin routes drive beyond the account state. */
export interface SimControl {
  state: SimState;
  addFault(spec: FaultSpec): void;
  clearFaults(): void;
  setAutoship(afterMs: number | undefined, batchMs?: number): void;
  stats(): unknown;
  reset(): void;
}

const ADMIN_MODEL = 'request';

/** `/_sim/*`: JSON routes for tests, drills and the demo; no auth and no rate limit (sandbox.md). */
export function adminRoutes(sim: SimControl): Route[] {
  const { state } = sim;
  const shipmentView = (s: (typeof state.shipments)[number]) => formatShipment(s, state.orderRecord(s.orderId), true);
  return [
    { method: 'POST', template: '/_sim/shipments', handle: ({ body }) => shipmentView(state.createLabel(parseBody(body, simLabelSchema, ADMIN_MODEL))) },
    { method: 'GET', template: '/_sim/shipments', handle: () => ({ shipments: state.shipments.map(shipmentView) }) },
    { method: 'POST', template: '/_sim/shipments/{id}/void', handle: ({ params }) => shipmentView(state.voidLabel(params.id)) },
    { method: 'GET', template: '/_sim/orders', handle: () => ({ orders: state.liveOrders().map(formatOrder) }) },
    { method: 'POST', template: '/_sim/orders/{id}/cancel', handle: ({ params }) => formatOrder(state.cancel(params.id)) },
    { method: 'POST', template: '/_sim/stores', handle: ({ body }) => formatStore(state.addStore(parseBody(body, simStoreSchema, ADMIN_MODEL))) },
    {
      method: 'POST',
      template: '/_sim/autoship',
      handle: ({ body }) => {
        const { after_ms, batch_ms } = parseBody(body, autoshipSchema, ADMIN_MODEL);
        sim.setAutoship(after_ms, batch_ms);
        return { after_ms, batch_ms: batch_ms ?? null };
      },
    },
    {
      method: 'DELETE',
      template: '/_sim/autoship',
      handle: () => {
        sim.setAutoship(undefined);
        return { after_ms: null, batch_ms: null };
      },
    },
    {
      method: 'POST',
      template: '/_sim/faults',
      handle: ({ body }) => {
        sim.addFault(parseBody(body, faultSchema, ADMIN_MODEL));
        return { ok: true };
      },
    },
    {
      method: 'DELETE',
      template: '/_sim/faults',
      handle: () => {
        sim.clearFaults();
        return { ok: true };
      },
    },
    { method: 'GET', template: '/_sim/stats', handle: () => sim.stats() },
    {
      method: 'POST',
      template: '/_sim/reset',
      handle: () => {
        sim.reset();
        return { ok: true };
      },
    },
  ];
}
