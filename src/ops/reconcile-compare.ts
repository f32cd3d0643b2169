import { LOOK_AGAIN_HOLDING_STAGES, LOOK_AGAIN_STAGES, SETTLED_STAGES } from './stages';

/**
 * Reconciliation's judgement, pure: ShipStation's orders on one side, the order workflows' latest runs on the
 * other, and what is wrong between them. Bundle-safe (the reconciliation workflow summarizes with it).
 */

export type FindingKind =
  /** A ShipStation order with ucship's orderKey and no workflow ever. */
  | 'orphan'
  /** More than one ShipStation order for one UltraCart order. */
  | 'duplicate'
  /** Shipped in ShipStation (labels or marked shipped), not written back by the open workflow. */
  | 'shipped_not_written_back'
  /** Cancelled in ShipStation, still open here. */
  | 'cancelled_still_open'
  /** Open in ShipStation while its workflow ended without finishing (failed, terminated, timed out). */
  | 'workflow_ended'
  /** In one stage longer than the stage's threshold. */
  | 'stuck';

/** How reconciliation means to heal a finding; `report` is left to a person. */
export type Remedy = 'look_again' | 'start_workflow' | 'report';

export interface Finding {
  kind: FindingKind;
  /** The UltraCart order id. */
  orderId: string;
  shipStationOrderIds: number[];
  stage?: string;
  /** The status of ucship's own ShipStation order. */
  shipStationStatus?: string;
  /** Why, in words a person acts on; ids and statuses only, never customer data. */
  detail: string;
  remedy: Remedy;
}

export interface ShipStationOrderFacts {
  orderId: number;
  orderNumber: string;
  orderKey: string | null;
  orderStatus: string;
  /** Part of an order split or merged in ShipStation: several orders for one sale are intended there. */
  splitOrMerged: boolean;
  /** When ShipStation last changed the order (its modifyDate), epoch ms; undefined when it does not say. */
  modifiedAtMs?: number;
}

export interface RunFacts {
  status: string;
  stage: string | undefined;
  /** The ShipStation order the workflow holds (its ShipStationOrderId search attribute), if any. */
  shipStationOrderId?: number;
}

export interface CompareInput {
  merchantId: string;
  orders: ShipStationOrderFacts[];
  /** UltraCart order id → its workflow's latest run; absent: no workflow ever. */
  runs: ReadonlyMap<string, RunFacts>;
  /** ucship's orderKey → UltraCart order id for this merchant; undefined for other channels' and merchants' keys. */
  orderIdOfKey: (orderKey: string | null) => string | undefined;
  /**
   * A ShipStation change after this instant may still be on its way to the workflow (its SHIP_NOTIFY, the
   * write-back itself): such an order is judged by a later run, not healed or alerted now.
   */
  recentSinceMs?: number;
}

const ENDED_UNFINISHED = ['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED'];

export function compare(input: CompareInput): Finding[] {
  const findings: Finding[] = [];
  const ours = new Map<string, ShipStationOrderFacts[]>();
  for (const order of input.orders) {
    const orderId = input.orderIdOfKey(order.orderKey);
    if (orderId !== undefined) ours.set(orderId, [...(ours.get(orderId) ?? []), order]);
  }
  // Another channel's copy of one of ours (e.g. ShipStation's own UltraCart store) shares its order number.
  for (const order of input.orders) {
    if (input.orderIdOfKey(order.orderKey) !== undefined) continue;
    const group = ours.get(order.orderNumber);
    if (group) group.push(order);
  }

  for (const [orderId, group] of ours) {
    const live = group.filter((o) => o.orderStatus !== 'cancelled' && !o.splitOrMerged);
    if (live.length > 1) {
      findings.push({
        kind: 'duplicate',
        orderId,
        shipStationOrderIds: live.map((o) => o.orderId),
        detail: `${live.length} open or shipped ShipStation orders for one UltraCart order (orderKeys ${live.map((o) => o.orderKey ?? 'none').join(', ')}): cancel the extra ones in ShipStation`,
        remedy: 'report',
      });
    }
    const own = group.find((o) => input.orderIdOfKey(o.orderKey) === orderId) as ShipStationOrderFacts;
    const finding = judge(orderId, own, input.runs.get(orderId), input.recentSinceMs);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** The workflow is writing back what ShipStation shows: the stage threshold (a `stuck` finding) covers a hang. */
const IN_PROGRESS_STAGES: readonly string[] = ['writing_back'];

function judge(orderId: string, order: ShipStationOrderFacts, run: RunFacts | undefined, recentSinceMs: number | undefined): Finding | undefined {
  const base = { orderId, shipStationOrderIds: [order.orderId], stage: run?.stage, shipStationStatus: order.orderStatus };
  const shipped = order.orderStatus === 'shipped';
  const cancelled = order.orderStatus === 'cancelled';
  if (!run) {
    if (cancelled) return undefined; // nothing left to do on either side
    return { ...base, kind: 'orphan', detail: `ShipStation order ${order.orderId} (${order.orderStatus}) has no ucship workflow`, remedy: 'start_workflow' };
  }
  if (run.status !== 'RUNNING') {
    if (!ENDED_UNFINISHED.includes(run.status) || cancelled || shipped) return undefined;
    return { ...base, kind: 'workflow_ended', detail: `ShipStation order ${order.orderId} is ${order.orderStatus} but its workflow ${run.status.toLowerCase()}`, remedy: 'start_workflow' };
  }
  const settled = run.stage !== undefined && SETTLED_STAGES.includes(run.stage);
  const underWay = (run.stage !== undefined && IN_PROGRESS_STAGES.includes(run.stage)) || (recentSinceMs !== undefined && (order.modifiedAtMs ?? -Infinity) > recentSinceMs);
  if (underWay) return undefined;
  const canLook = canLookAgain(run);
  if (shipped && !settled) {
    return {
      ...base,
      kind: 'shipped_not_written_back',
      detail: `shipped in ShipStation, workflow still in ${run.stage ?? 'an unknown stage'}`,
      remedy: canLook ? 'look_again' : 'report',
    };
  }
  if (cancelled && !settled) {
    return {
      ...base,
      kind: 'cancelled_still_open',
      detail: `cancelled in ShipStation, workflow still in ${run.stage ?? 'an unknown stage'}`,
      remedy: canLook ? 'look_again' : 'report',
    };
  }
  return undefined;
}

/** Whether a "look again" reaches the workflow: a parked one only acts on it once it holds its ShipStation order. */
function canLookAgain(run: RunFacts): boolean {
  if (run.stage === undefined) return false;
  if (LOOK_AGAIN_STAGES.includes(run.stage)) return true;
  return LOOK_AGAIN_HOLDING_STAGES.includes(run.stage) && run.shipStationOrderId !== undefined;
}

/** One line per kind for summaries and alerts. */
export function countByKind(findings: Array<Pick<Finding, 'kind'>>): Partial<Record<FindingKind, number>> {
  const counts: Partial<Record<FindingKind, number>> = {};
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return counts;
}
