/**
 * Client-side gate over ShipStation's per-key budget (40 requests/minute, shared by every program using the
 * key). Every call waits for a permit; every response reports the server's `X-Rate-Limit-*` headers back. When
 * the budget left is at or below `reserve`, callers queue (FIFO) until the window resets instead of spending
 * the last requests and collecting 429s. One gate per client instance, shared by its concurrent calls.
 */

export interface RateLimitHeaders {
  limit: number;
  remaining: number;
  /** Seconds until the window resets, as ShipStation sends it. */
  resetSeconds: number;
}

/** Parses the three headers; undefined when any is missing or malformed. */
export function readRateLimitHeaders(headers: Headers): RateLimitHeaders | undefined {
  const values = ['X-Rate-Limit-Limit', 'X-Rate-Limit-Remaining', 'X-Rate-Limit-Reset'].map((name) => Number(headers.get(name) ?? NaN));
  if (values.some((v) => !Number.isFinite(v) || v < 0)) return undefined;
  const [limit, remaining, resetSeconds] = values;
  return { limit, remaining, resetSeconds };
}

/** Two reports whose reset instants differ by less than this come from the same window (Reset is whole seconds). */
const SAME_WINDOW_MS = 1500;

export class RateLimitGate {
  private limit: number;
  private remaining: number;
  /** When the current window ends: a guess until a response tells us, undefined between windows. */
  private resetAt: number | undefined;
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    limitPerMinute: number,
    private readonly reserve = 2,
    private readonly now: () => number = Date.now,
  ) {
    // Before the first response the configured limit is the only estimate of the budget.
    this.limit = limitPerMinute;
    this.remaining = limitPerMinute;
  }

  /** Resolves when a request may be sent. Pair every acquire with one `release`. */
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.pump();
    });
  }

  /** A response (or a failure) for an acquired permit; `headers` when the server sent them (a 429 may omit the limit). */
  release(headers: (Omit<RateLimitHeaders, 'limit'> & { limit?: number }) | undefined): void {
    this.inFlight -= 1;
    if (headers) this.observe(headers);
    this.pump();
  }

  private observe({ limit, remaining, resetSeconds }: Omit<RateLimitHeaders, 'limit'> & { limit?: number }): void {
    const resetAt = this.now() + resetSeconds * 1000;
    if (limit !== undefined && limit > 0) this.limit = limit;
    if (this.resetAt !== undefined && Math.abs(resetAt - this.resetAt) < SAME_WINDOW_MS) {
      // Responses of one window arrive out of order: the lowest count is the freshest.
      this.remaining = Math.min(this.remaining, remaining);
    } else {
      // A new window: requests still in flight will be charged to it too.
      this.remaining = remaining - this.inFlight;
      this.resetAt = resetAt;
    }
  }

  private pump(): void {
    const now = this.now();
    if (this.resetAt !== undefined && now >= this.resetAt) {
      this.remaining = this.limit;
      this.resetAt = undefined;
    }
    // Until a response says otherwise, assume a one-minute window from the first request (the configured limit is per minute).
    if (this.resetAt === undefined && this.waiters.length > 0) this.resetAt = now + 60_000;
    // A tiny limit (tests) must still let one request through per window.
    const reserve = Math.min(this.reserve, this.limit - 1);
    while (this.waiters.length > 0 && this.remaining > reserve) {
      this.remaining -= 1;
      this.inFlight += 1;
      this.waiters.shift()?.();
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiters.length > 0) this.timer = setTimeout(() => this.pump(), Math.max(0, (this.resetAt ?? now) - now));
  }
}
