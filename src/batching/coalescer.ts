/**
 * Joins concurrent per-item calls (one per order's activity) into one batch call, and hands each caller its own
 * outcome, matched by key (never by position: an API may answer in any order, or leave an item out).
 *
 * A batch goes when it is full (`maxItems`, or `maxBytes` of JSON), when no item joined it for `lingerMs`, or
 * `maxWaitMs` after its oldest item arrived: a lone item waits the linger, a steady trickle (orders of one
 * UltraCart batch reaching the upsert one by one on a busy machine) fills a batch instead of going out in
 * handfuls, and nothing waits longer than `maxWaitMs`. Items may name their cohort (the orders that travel
 * together): once every cohort waiting has arrived whole, the batch goes at once, with no linger. The batch is cut only when the call may actually go: `send` receives
 * a `cut` function and calls it once the rate gate has let the request through. While the gate is closed the
 * next batch keeps filling instead of queueing small ones behind it, and only one call waits for the gate at a
 * time, so every cut has something in it.
 */

import type { Cohort } from '../contract';

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface CoalescerOptions<I, R> {
  /** What the API takes in one call. */
  maxItems: number;
  /** Most JSON bytes of one batch's items; an item bigger than that alone goes alone. */
  maxBytes: number;
  lingerMs: number;
  maxWaitMs: number;
  keyOf: (item: I) => string;
  /**
   * Makes the batch call. Calls `cut()` when the request may go and returns one outcome per key it knows about;
   * a key missing from the result fails its caller with a retryable error.
   */
  send: (cut: () => I[]) => Promise<Map<string, Outcome<R>>>;
  /**
   * A failure of a whole batch of several items that resending the same batch cannot fix (one item the API
   * refuses outright): each item is then sent on its own, so only the bad one fails. Retryable failures (5xx,
   * timeouts) fail every caller, and each retries as a whole later (every write here is an upsert or idempotent).
   */
  isolateOn?: (err: unknown) => boolean;
  /** Told of each call's size, for logs and metrics. */
  onBatch?: (size: number) => void;
}

interface Entry<I, R> {
  item: I;
  bytes: number;
  arrivedAt: number;
  cohort: string | undefined;
  waiters: Array<(outcome: Outcome<R>) => void>;
}

/** How long a cohort's arrivals are remembered: its members come within seconds, or not at all. */
const COHORT_MEMORY_MS = 10 * 60_000;

export class MissingResultError extends Error {
  readonly retryable = true;
  constructor(key: string) {
    super(`the batch call returned no result for ${key}`);
    this.name = 'MissingResultError';
  }
}

export class Coalescer<I, R> {
  /** Waiting items by key, oldest first. A key submitted again before it is cut joins the waiting entry. */
  private readonly pending = new Map<string, Entry<I, R>>();
  private timer: NodeJS.Timeout | undefined;
  /** When the newest item joined the waiting ones. */
  private lastArrival = 0;
  /** A call is waiting for the gate; it will cut whatever is pending then. */
  private admitting = false;
  /** Cohorts by id: their size and the keys of theirs that arrived (cut or still waiting), oldest first. */
  private readonly cohorts = new Map<string, { size: number; arrived: Set<string>; since: number }>();

  constructor(private readonly opts: CoalescerOptions<I, R>) {}

  /** Resolves with this item's own result, or rejects with its own error. */
  submit(item: I, cohort?: Cohort): Promise<R> {
    const key = this.opts.keyOf(item);
    // A member that comes again (its attempt retried after the cohort went) is no sign the cohort is whole: the
    // retries of a cohort come in a wave, which the linger gathers.
    if (cohort && !this.arrivedIn(cohort, key)) cohort = undefined;
    return new Promise<R>((resolve, reject) => {
      const waiter = (o: Outcome<R>) => (o.ok ? resolve(o.value) : reject(o.error));
      const existing = this.pending.get(key);
      if (existing) {
        // The same order again while the first is still waiting (a retry, or a requeue with newer data): the newer
        // body goes, and both callers get its result.
        existing.item = item;
        existing.bytes = jsonBytes(item);
        existing.cohort = cohort?.id ?? existing.cohort;
        existing.waiters.push(waiter);
      } else {
        this.pending.set(key, { item, bytes: jsonBytes(item), arrivedAt: Date.now(), cohort: cohort?.id, waiters: [waiter] });
      }
      this.lastArrival = Date.now();
      this.kick(true);
    });
  }

  /** Items waiting for a call (for tests and metrics). */
  get waiting(): number {
    return this.pending.size;
  }

  /** Notes a member's arrival; false if it had arrived before. */
  private arrivedIn(cohort: Cohort, key: string): boolean {
    const now = Date.now();
    for (const [id, c] of this.cohorts) {
      if (now - c.since < COHORT_MEMORY_MS) break;
      this.cohorts.delete(id);
    }
    const known = this.cohorts.get(cohort.id) ?? { size: cohort.size, arrived: new Set<string>(), since: now };
    if (known.arrived.has(key)) return false;
    known.arrived.add(key);
    this.cohorts.set(cohort.id, known);
    return true;
  }

  /** Some waiting item has a cohort, and every waiting item's cohort has arrived whole: nobody else is coming. */
  private cohortsWhole(): boolean {
    let any = false;
    for (const e of this.pending.values()) {
      if (e.cohort === undefined) continue;
      const c = this.cohorts.get(e.cohort);
      if (c !== undefined && c.arrived.size < c.size) return false;
      any = true;
    }
    return any;
  }

  private pendingBytes(): number {
    let total = 0;
    for (const e of this.pending.values()) total += e.bytes;
    return total;
  }

  /** `arrived`: an item just joined, so the quiet period starts again. */
  private kick(arrived = false): void {
    if (this.admitting || this.pending.size === 0) return;
    if (this.pending.size >= this.opts.maxItems || this.pendingBytes() >= this.opts.maxBytes || this.cohortsWhole()) {
      this.dispatch();
      return;
    }
    if (this.timer && !arrived) return;
    clearTimeout(this.timer);
    const oldest = this.pending.values().next().value as Entry<I, R>;
    const due = Math.min(this.lastArrival + this.opts.lingerMs, oldest.arrivedAt + this.opts.maxWaitMs);
    this.timer = setTimeout(() => this.dispatch(), Math.max(0, due - Date.now()));
  }

  private dispatch(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.admitting || this.pending.size === 0) return;
    this.admitting = true;
    let batch: Array<[string, Entry<I, R>]> | undefined;
    const cut = (): I[] => {
      if (batch) return batch.map(([, e]) => e.item);
      batch = this.take();
      this.admitting = false;
      // Whatever did not fit is already due (or soon): it gets the next call.
      queueMicrotask(() => this.kick());
      return batch.map(([, e]) => e.item);
    };
    this.opts
      .send(cut)
      .then(
        (results) => this.settle(batch ?? [], results),
        (error: unknown) => this.fail(batch ?? [], error),
      )
      .finally(() => {
        if (batch === undefined) {
          // The call ended without cutting (it failed before the gate let it go): the items are still pending.
          this.admitting = false;
          this.kick();
        }
      });
  }

  /** Up to maxItems oldest entries within maxBytes (always at least one). */
  private take(): Array<[string, Entry<I, R>]> {
    const out: Array<[string, Entry<I, R>]> = [];
    let bytes = 0;
    for (const [key, entry] of this.pending) {
      if (out.length >= this.opts.maxItems) break;
      if (out.length > 0 && bytes + entry.bytes > this.opts.maxBytes) break;
      out.push([key, entry]);
      bytes += entry.bytes;
    }
    for (const [key] of out) this.pending.delete(key);
    this.opts.onBatch?.(out.length);
    return out;
  }

  private settle(batch: Array<[string, Entry<I, R>]>, results: Map<string, Outcome<R>>): void {
    for (const [key, entry] of batch) {
      const outcome = results.get(key) ?? { ok: false, error: new MissingResultError(key) };
      for (const w of entry.waiters) w(outcome);
    }
  }

  private fail(batch: Array<[string, Entry<I, R>]>, error: unknown): void {
    if (batch.length > 1 && this.opts.isolateOn?.(error)) {
      for (const [, entry] of batch) {
        this.sendAlone(entry).catch(() => undefined);
      }
      return;
    }
    for (const [, entry] of batch) for (const w of entry.waiters) w({ ok: false, error });
  }

  /** One item in a call of its own (after its batch was refused as a whole). */
  private async sendAlone(entry: Entry<I, R>): Promise<void> {
    const key = this.opts.keyOf(entry.item);
    let outcome: Outcome<R>;
    try {
      const results = await this.opts.send(() => [entry.item]);
      outcome = results.get(key) ?? { ok: false, error: new MissingResultError(key) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    for (const w of entry.waiters) w(outcome);
  }
}

function jsonBytes(item: unknown): number {
  return Buffer.byteLength(JSON.stringify(item) ?? '', 'utf8');
}
