import { IntegrationError } from '../errors';
import { waitInLine } from '../wait-in-line';

/**
 * The one door every UltraCart call of a process goes through. UltraCart answers concurrent requests from one
 * application or IP with 429 and meters each in leaky buckets (1,000 an hour, 10,000 a day, no fixed reset), so
 * calls run one at a time, each waits until both buckets have room, and a 429 pauses every caller. A call that
 * would wait longer than `maxWaitMs` fails retryable with the wait as its retry delay, so an activity never waits
 * out its own timeout.
 * Calls wait in two lanes: the import lane (queue reads, fetches, acknowledgements) goes before the write-back
 * lane, so a wave of write-backs (one call per shipment under SOAP) never holds up the next batch's
 * acknowledgement, which UltraCart needs before it hands out more orders. Write-backs go in the gaps, which a
 * batch's own ShipStation step leaves. A call made for one activity attempt leaves the line when that attempt
 * ends (timed out, cancelled): Temporal has already scheduled its retry, so the old call would only send twice.
 */

/** In the order they are served. */
export const GATE_LANES = ['import', 'write_back'] as const;
export type GateLane = (typeof GATE_LANES)[number];

export interface GateOptions {
  /** 0: no bucket, calls are only serialized (the SOAP service, for which UltraCart documents no limit). */
  perHour: number;
  perDay?: number;
  maxWaitMs?: number;
  /** After a 429 without Retry-After: the first pause, doubled per 429 in a row up to a minute. */
  firstPauseMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The abort signal of the activity attempt a call is made for, read at each call that serves one attempt. */
  cancellation?: () => AbortSignal | undefined;
}

/** What a call reports back: a 429 (with UltraCart's Retry-After when it sent one) or anything else. */
export type Attempt<T> = { rateLimited: false; value: T } | { rateLimited: true; retryAfterMs?: number; message: string };

export interface GateSnapshot {
  requests: number;
  rateLimited: number;
  /** Estimated use of each bucket, 0..1. */
  hourUsed: number;
  dayUsed: number;
  waitingCalls: number;
  waitedMs: number;
}

const DAY_LIMIT = 10_000;
const DEFAULT_MAX_WAIT_MS = 60_000;
const FIRST_PAUSE_MS = 4_000;
const MAX_PAUSE_MS = 60_000;

class LeakyBucket {
  private level = 0;
  private at: number;
  constructor(
    readonly capacity: number,
    private readonly perMs: number,
    now: number,
  ) {
    this.at = now;
  }
  private leak(now: number): void {
    this.level = Math.max(0, this.level - (now - this.at) * this.perMs);
    this.at = now;
  }
  /** How long until one more request fits. */
  waitMs(now: number): number {
    this.leak(now);
    return this.level + 1 <= this.capacity ? 0 : Math.ceil((this.level + 1 - this.capacity) / this.perMs);
  }
  add(now: number): void {
    this.leak(now);
    this.level += 1;
  }
  used(now: number): number {
    this.leak(now);
    return this.level / this.capacity;
  }
}

/** Retryable, though nothing retries it: the attempt it was made for has ended, and its retry is under way. */
function abandoned(what: string): IntegrationError {
  return new IntegrationError('UltraCartCallAbandoned', `UltraCart ${what} not sent: the attempt it was made for ended while it waited its turn`, { retryable: true });
}

export class UltraCartGate {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;
  private readonly firstPauseMs: number;
  private readonly cancellation: () => AbortSignal | undefined;
  private readonly buckets: LeakyBucket[];
  private busy = false;
  private readonly waiters: Record<GateLane, Array<() => void>> = { import: [], write_back: [] };
  private pausedUntil = 0;
  private rateLimitedInARow = 0;
  private stats = { requests: 0, rateLimited: 0, waiting: 0, waitedMs: 0 };

  constructor(opts: GateOptions) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxWaitMs = opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.firstPauseMs = opts.firstPauseMs ?? FIRST_PAUSE_MS;
    this.cancellation = opts.cancellation ?? (() => undefined);
    const t = this.now();
    const perDay = opts.perDay ?? DAY_LIMIT;
    this.buckets = opts.perHour > 0 ? [new LeakyBucket(opts.perHour, opts.perHour / 3_600_000, t), new LeakyBucket(perDay, perDay / 86_400_000, t)] : [];
  }

  /**
   * The caller's turn: at once when the gate is free, else after the calls waiting in the lanes before it. An
   * abort of `signal` takes the caller out of the line (it never holds the gate then).
   */
  private async turn(lane: GateLane, what: string, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) throw abandoned(what);
    if (!this.busy) {
      this.busy = true;
      return;
    }
    await waitInLine(this.waiters[lane], signal, () => abandoned(what));
  }

  /** Hands the gate to the first waiter of the first lane that has one. */
  private release(): void {
    const next = GATE_LANES.map((l) => this.waiters[l]).find((w) => w.length > 0)?.shift();
    if (next) next();
    else this.busy = false;
  }

  /**
   * Runs `attempt` alone, when the budget allows, again after each 429 while the wait fits in maxWaitMs.
   * `shared`: the call serves several attempts (a batch, a lookup others wait on), so no one attempt's end
   * abandons it.
   */
  async run<T>(what: string, attempt: () => Promise<Attempt<T>>, lane: GateLane = 'import', shared = false): Promise<T> {
    const deadline = this.now() + this.maxWaitMs;
    const signal = shared ? undefined : this.cancellation();
    this.stats.waiting += 1;
    let holding = false;
    try {
      await this.turn(lane, what, signal);
      holding = true;
      for (;;) {
        if (signal?.aborted) throw abandoned(what);
        const wait = Math.max(0, this.pausedUntil - this.now(), ...this.buckets.map((b) => b.waitMs(this.now())));
        if (wait > 0 && this.now() + wait > deadline) {
          throw new IntegrationError('UltraCartRateLimited', `UltraCart ${what} not sent: the request budget is spent for the next ${Math.ceil(wait / 1000)} s`, {
            retryable: true,
            retryAfterMs: Math.max(wait, 1000),
          });
        }
        if (wait > 0) {
          this.stats.waitedMs += wait;
          await this.sleep(wait);
          continue;
        }
        for (const b of this.buckets) b.add(this.now());
        this.stats.requests += 1;
        const result = await attempt();
        if (!result.rateLimited) {
          this.rateLimitedInARow = 0;
          return result.value;
        }
        this.stats.rateLimited += 1;
        this.rateLimitedInARow += 1;
        const pause = result.retryAfterMs ?? Math.min(MAX_PAUSE_MS, this.firstPauseMs * 2 ** (this.rateLimitedInARow - 1));
        this.pausedUntil = this.now() + pause;
        if (this.now() + pause > deadline) {
          throw new IntegrationError('UltraCartRateLimited', `UltraCart ${what} failed: rate limited (${result.message})`, { retryable: true, retryAfterMs: pause });
        }
      }
    } finally {
      this.stats.waiting -= 1;
      if (holding) this.release();
    }
  }

  snapshot(): GateSnapshot {
    const t = this.now();
    return {
      requests: this.stats.requests,
      rateLimited: this.stats.rateLimited,
      hourUsed: this.buckets[0]?.used(t) ?? 0,
      dayUsed: this.buckets[1]?.used(t) ?? 0,
      waitingCalls: this.stats.waiting,
      waitedMs: this.stats.waitedMs,
    };
  }
}
