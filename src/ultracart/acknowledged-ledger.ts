/**
 * The order ids this process marked Imported in UltraCart, and when. The ingest reads UltraCart's next batch
 * as soon as the last batch is acknowledged: UltraCart knows it when the acknowledge call returns, while
 * Temporal's visibility shows it only after each order's next workflow task and the index behind it. Where an
 * order was acknowledged by another worker process, the ingest still learns it from visibility.
 */
interface Waiter {
  remaining: Set<string>;
  since: number;
  resolve: () => void;
}

export class AcknowledgedLedger {
  /** Recent acknowledgements, oldest first; bounded, as a wait only ever asks about the batch just read. */
  private readonly recent = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly keep = 1_000) {}

  record(orderIds: string[], atMs = Date.now()): void {
    for (const id of orderIds) {
      this.recent.delete(id);
      this.recent.set(id, atMs);
    }
    for (const id of this.recent.keys()) {
      if (this.recent.size <= this.keep) break;
      this.recent.delete(id);
    }
    for (const waiter of this.waiters) {
      if (atMs < waiter.since) continue;
      for (const id of orderIds) waiter.remaining.delete(id);
      if (waiter.remaining.size === 0) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /**
   * Resolves once every one of `orderIds` was acknowledged by this process at or after `sinceMs` (the moment
   * the batch was read); `cancel` drops the wait.
   */
  whenAll(orderIds: string[], sinceMs: number): { done: Promise<void>; cancel: () => void } {
    const remaining = new Set(orderIds.filter((id) => (this.recent.get(id) ?? -Infinity) < sinceMs));
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const waiter: Waiter = { remaining, since: sinceMs, resolve };
    if (remaining.size === 0) resolve();
    else this.waiters.add(waiter);
    return { done, cancel: () => this.waiters.delete(waiter) };
  }
}
