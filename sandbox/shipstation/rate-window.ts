/** ShipStation's budget: `limit` requests per fixed window per API key, the window starting at its first request. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one request; undefined when limiting is off (limit 0), else whether it passes and the headers to send. */
  hit(key: string, now = this.clock()): { allowed: boolean; headers: Record<string, string> } | undefined {
    if (this.limit <= 0) return undefined;
    let w = this.windows.get(key);
    if (!w || now >= w.start + this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    const allowed = w.count < this.limit;
    if (allowed) w.count += 1;
    return { allowed, headers: this.headers(w, now) };
  }

  /** Headers for a response that is refused without spending budget (an injected 429). */
  exhaustedHeaders(key: string, now = this.clock()): Record<string, string> {
    const w = this.windows.get(key);
    // With limiting off there is no window: ask for a one-second pause.
    if (!w) return { 'X-Rate-Limit-Limit': String(this.limit), 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '1' };
    return { ...this.headers(w, now), 'X-Rate-Limit-Remaining': '0' };
  }

  reset(): void {
    this.windows.clear();
  }

  private headers(w: { start: number; count: number }, now: number): Record<string, string> {
    return {
      'X-Rate-Limit-Limit': String(this.limit),
      'X-Rate-Limit-Remaining': String(Math.max(0, this.limit - w.count)),
      // Whole seconds, rounded up so a client waiting this long never arrives early.
      'X-Rate-Limit-Reset': String(Math.max(0, Math.ceil((w.start + this.windowMs - now) / 1000))),
    };
  }
}
