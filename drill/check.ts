import { orderKeyOf } from '../src/contract';
import { mapConcurrently } from '../src/util/map-concurrently';
import type { SsOrderView } from '../sandbox/admin-client';
import type { ScenarioEnv } from './env';

/**
 * The drills' invariants, read from the simulators' stores (never from the product's own logs or history):
 * every valid order is in ShipStation exactly once (by orderKey) and acknowledged in UltraCart, and each
 * non-void shipment is written back exactly once (same shipment_id, same content, nothing extra).
 */
/** What the checks read: the two simulators' stores and the merchant whose orders they hold. */
export type CheckedWorld = Pick<ScenarioEnv, 'ssAdmin' | 'ucAdmin' | 'merchantId'>;

export interface Tally {
  orders: number;
  /** Valid orders that are not (yet) in ShipStation, not acknowledged, or whose shipments are not all written back. */
  lost: number;
  /** Extra ShipStation orders for one orderKey, plus orders that must not be there (parked ones). */
  duplicated: number;
  /** A shipment_id received with different content, or written back without being a live label. */
  doubleWriteBacks: number;
  /** Identical repeats of a write-back (harmless: UltraCart keeps shippedWithDetails idempotent per shipment id). */
  resends: number;
  /** What is wrong, a few examples per kind. */
  problems: string[];
  /** The ShipStation orders of this scenario by orderKey. */
  ssByKey: Map<string, SsOrderView[]>;
}

export async function checkInvariants(env: CheckedWorld, validIds: string[], mustNotShip: string[] = []): Promise<Tally> {
  const [{ orders }, { shipments }] = await Promise.all([env.ssAdmin.orders(), env.ssAdmin.shipments()]);
  const ssByKey = new Map<string, SsOrderView[]>();
  for (const o of orders) ssByKey.set(o.orderKey, [...(ssByKey.get(o.orderKey) ?? []), o]);
  const liveLabels = new Map<number, Map<string, string>>(); // ShipStation orderId → shipmentId → tracking
  for (const s of shipments) {
    if (s.voided) continue;
    const m = liveLabels.get(s.orderId) ?? new Map<string, string>();
    m.set(String(s.shipmentId), s.trackingNumber);
    liveLabels.set(s.orderId, m);
  }

  const t: Tally = { orders: validIds.length, lost: 0, duplicated: 0, doubleWriteBacks: 0, resends: 0, problems: [], ssByKey };
  const note = (p: string) => {
    if (t.problems.length < 12) t.problems.push(p);
  };
  const views = await mapConcurrently(validIds, 16, (id) => env.ucAdmin.order(id));
  validIds.forEach((id, i) => {
    const inSs = ssByKey.get(orderKeyOf(env.merchantId, id)) ?? [];
    const uc = views[i];
    if (inSs.length > 1) {
      t.duplicated += inSs.length - 1;
      note(`${id}: ${inSs.length} ShipStation orders`);
    }
    const labels = inSs.length > 0 ? (liveLabels.get(inSs[0].orderId) ?? new Map<string, string>()) : new Map<string, string>();
    // SOAP keeps a write-back per shipment id; REST keeps the order's tracking list (entries without a shipment id).
    const byTracking = uc.shipments.some((s) => s.shipment_id === null);
    const keyOf = (s: { shipment_id: string | null; tracking_numbers: string[] }) => (byTracking ? s.tracking_numbers[0] : s.shipment_id);
    const labelKey = (sid: string) => (byTracking ? labels.get(sid) : sid);
    const written = new Map<string | null | undefined, (typeof uc.shipments)[number]>(uc.shipments.map((s) => [keyOf(s), s]));
    const missing = [...labels.keys()].filter((sid) => !written.has(labelKey(sid)));
    // An order counts as delivered once it is in ShipStation, acknowledged, shipped and every live label is in UltraCart.
    if (inSs.length === 0 || !uc.imported || labels.size === 0 || missing.length > 0) {
      t.lost += 1;
      note(`${id}: ${inSs.length === 0 ? 'not in ShipStation' : !uc.imported ? 'not acknowledged' : labels.size === 0 ? 'no label yet' : `label(s) ${missing.join(',')} not written back`}`);
    }
    const liveTracking = new Set(labels.values());
    for (const s of uc.shipments) {
      const tracking = byTracking ? (liveTracking.has(s.tracking_numbers[0]) ? s.tracking_numbers[0] : undefined) : labels.get(s.shipment_id ?? '');
      if (tracking === undefined) {
        t.doubleWriteBacks += 1;
        note(`${id}: ${byTracking ? `tracking number ${s.tracking_numbers[0]}` : `shipment ${s.shipment_id}`} written back but no live label`);
      } else if (s.content_changes > 0 || !s.tracking_numbers.includes(tracking)) {
        t.doubleWriteBacks += 1;
        note(`${id}: shipment ${s.shipment_id} written back with ${s.content_changes + 1} different contents`);
      }
      t.resends += Math.max(0, s.received_count - 1);
    }
  });
  for (const id of mustNotShip) {
    const inSs = ssByKey.get(orderKeyOf(env.merchantId, id)) ?? [];
    if (inSs.length > 0) {
      t.duplicated += inSs.length;
      note(`${id}: should have parked but is in ShipStation`);
    }
  }
  return t;
}

export const holds = (t: Tally) => t.lost === 0 && t.duplicated === 0 && t.doubleWriteBacks === 0;

/** Re-checks until the invariants hold or the deadline passes; returns the last tally and when it first held. */
export async function waitForInvariants(env: CheckedWorld, validIds: string[], deadlineMs: number, mustNotShip: string[] = [], everyMs = 1000): Promise<{ tally: Tally; heldAt: number | undefined }> {
  for (;;) {
    // The full check reads every order from both stores; until ShipStation holds a label per order it cannot
    // hold, so a cheap look at the simulator's counters comes first (the drill must not load the machine it tests).
    const stats = await env.ssAdmin.stats();
    if (stats.orders < validIds.length || stats.shipments < validIds.length) {
      if (Date.now() > deadlineMs) return { tally: await checkInvariants(env, validIds, mustNotShip), heldAt: undefined };
      await new Promise((r) => setTimeout(r, everyMs));
      continue;
    }
    const tally = await checkInvariants(env, validIds, mustNotShip);
    if (holds(tally)) return { tally, heldAt: Date.now() };
    if (Date.now() > deadlineMs) return { tally, heldAt: undefined };
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
