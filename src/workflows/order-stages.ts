import type { OrderResult, OrderStage } from '../contract';

/**
 * The order's life as a state machine: each stage carries its own data, and each stage's function (order-*.ts)
 * returns the next one. Plain data, so a continue-as-new carries the stage as it is.
 *
 *   importing ─▶ awaiting_shipment ─▶ watching ─▶ done(written_back)
 *       │  ▲            │  ▲             │
 *       ▼  │            ▼  │             ▼
 *     parked ◀──────────┘  └── requeue ──┘          any open stage ─ cancel ─▶ cancelling ─▶ done(cancelled)
 */
export type Stage =
  /** Steps 1–4: import from UltraCart, map, create (or merge) in ShipStation, mark Imported. */
  | { kind: 'importing' }
  /**
   * Waiting: for a person (`retry` absent: a refusal) or for the automatic retry at `retry.atMs` (a transient
   * exhaustion), which runs `retry.then` again. `acknowledged`: this pass marked the order Imported, so a later
   * sighting is a merchant's requeue; unacknowledged, UltraCart's repeats are the same entry (recorded, not acted on).
   */
  | { kind: 'parked'; reason: string; acknowledged: boolean; retry?: { atMs: number; then: 'import' | 'write_back' }; pollDue?: boolean }
  /** In ShipStation, waiting for labels; `lookNow` polls ShipStation before waiting. */
  | { kind: 'awaiting_shipment'; lookNow: boolean }
  /** Written back; listening for reships, voids and a cancel in ShipStation until `untilMs`. */
  | { kind: 'watching'; untilMs: number }
  | { kind: 'cancelling'; reason: string }
  | { kind: 'done'; outcome: OrderResult['outcome']; detail: string };

export type StageOf<K extends Stage['kind']> = Extract<Stage, { kind: K }>;

/** The stage as the Web UI, the CLI and the progress line name it (the OrderStage search attribute). */
export function publicStage(stage: Stage): OrderStage {
  switch (stage.kind) {
    case 'importing':
      return 'importing';
    case 'parked':
      return stage.retry ? 'retrying' : 'needs_attention';
    case 'awaiting_shipment':
      return 'awaiting_shipment';
    case 'watching':
      return 'written_back';
    case 'cancelling':
      return 'cancelled';
    case 'done':
      return stage.outcome;
  }
}
