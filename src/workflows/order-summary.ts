import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { OrderStageKey, ShipStationOrderId, type OrderMemory, type OrderStage } from '../contract';
import { publicStage, type Stage } from './order-stages';

const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** What the order does next, in words, for the Web UI's details and `ucship status`. */
export function nextAction(stage: Stage, orderId: string): string {
  switch (stage.kind) {
    case 'importing':
      return 'import from UltraCart, create or update in ShipStation, mark Imported';
    case 'parked':
      if (stage.retry) return `retries by itself at ${at(stage.retry.atMs)} (5 min, doubling to 1 h); a requeue retries now`;
      // True over both transports: REST has no requeue call, so `ucship requeue` alone would not bring the fix.
      return `fix the order in UltraCart and requeue it there ("requeue for pickup"; over SOAP \`ucship requeue ${orderId}\` does both)`;
    case 'awaiting_shipment':
      return 'waits for a label in ShipStation (SHIP_NOTIFY), polling ShipStation in between';
    case 'watching':
      return `watches for reships, voids and a cancel in ShipStation until ${at(stage.untilMs)}`;
    case 'cancelling':
      return 'cancel the ShipStation order while it is open';
    case 'done':
      return 'nothing: the workflow has ended';
  }
}

/**
 * The one place that tells the outside where the order is: the current details (stage, reason, next action) and
 * the OrderStage / ShipStationOrderId search attributes. Each upsert is a history event, so only changes are sent.
 */
export class OrderView {
  private indexedStage: OrderStage | undefined;
  private indexedShipStationId: number | undefined;
  stage: OrderStage = 'importing';
  next = '';

  constructor(
    private readonly orderId: string,
    private readonly memory: OrderMemory,
  ) {
    const sa = workflowInfo().typedSearchAttributes;
    this.indexedStage = sa.get(OrderStageKey) as OrderStage | undefined;
    const id = sa.get(ShipStationOrderId);
    this.indexedShipStationId = id === undefined ? undefined : Number(id);
  }

  /** `as` names a moment inside a stage (writing_back) without it being a stage of its own. */
  show(stage: Stage, as?: OrderStage): void {
    this.stage = as ?? publicStage(stage);
    const reason = stage.kind === 'parked' ? stage.reason : stage.kind === 'done' ? stage.detail : this.memory.reason;
    this.next = nextAction(stage, this.orderId);
    const lines = [`**${this.stage}**${reason ? `: ${reason}` : ''}`, `next: ${this.next}`];
    if (this.memory.lastError && stage.kind !== 'parked') lines.push(`last error: ${this.memory.lastError}`);
    setCurrentDetails(lines.join('\n\n'));
    const ssId = this.memory.shipStationOrderId;
    const updates: SearchAttributeUpdatePair[] = [];
    if (this.stage !== this.indexedStage) updates.push({ key: OrderStageKey, value: this.stage });
    if (ssId !== undefined && ssId !== this.indexedShipStationId) updates.push({ key: ShipStationOrderId, value: String(ssId) });
    // The ShipStation id rides with the next stage change: one event, not two.
    if (updates.length === 0 || !updates.some((u) => u.key === OrderStageKey)) return;
    upsertSearchAttributes(updates);
    this.indexedStage = this.stage;
    this.indexedShipStationId = ssId;
  }
}
