import { z } from 'zod';

/**
 * UltraCart's REST limits as the simulator enforces them: leaky buckets of `per_hour` and `per_day` requests
 * (no fixed reset: each bucket drains continuously) and a 429 for a request that arrives while another is in
 * flight. Set through the simulator's options or `POST /_sim/config`; 0 turns a bucket off.
 */

export const restLimitsSchema = z.strictObject({
  rate_limit_per_hour: z.number().int().min(0).optional(),
  rate_limit_per_day: z.number().int().min(0).optional(),
  reject_concurrent: z.boolean().optional(),
});
export type RestLimitsConfig = Required<z.infer<typeof restLimitsSchema>>;

export const DEFAULT_REST_LIMITS: RestLimitsConfig = { rate_limit_per_hour: 1000, rate_limit_per_day: 10_000, reject_concurrent: true };

class Bucket {
  level = 0;
  at = 0;
  constructor(
    readonly limit: number,
    readonly seconds: number,
  ) {}
  /** Counts a request; false when the bucket is full (the request is refused and not counted). */
  take(now: number): boolean {
    if (this.limit <= 0) return true;
    this.level = Math.max(0, this.level - ((now - this.at) * this.limit) / (this.seconds * 1000));
    this.at = now;
    if (this.level + 1 > this.limit) return false;
    this.level += 1;
    return true;
  }
}

export type Admission = { ok: true; done: () => void } | { ok: false; message: string };

export class RestLimits {
  private config: RestLimitsConfig;
  private buckets!: Bucket[];
  private inFlight = 0;
  readonly counters = { rate_limited: 0, concurrent_rejected: 0 };

  constructor(initial: Partial<RestLimitsConfig> = {}) {
    this.config = { ...DEFAULT_REST_LIMITS, ...initial };
    this.rebuild();
  }

  current(): RestLimitsConfig {
    return { ...this.config };
  }

  set(change: Partial<RestLimitsConfig>): RestLimitsConfig {
    this.config = { ...this.config, ...change };
    this.rebuild();
    return this.current();
  }

  /** Admits one request (call `done` when its answer is sent) or says why it gets a 429. */
  admit(now = Date.now()): Admission {
    if (this.config.reject_concurrent && this.inFlight > 0) {
      this.counters.concurrent_rejected += 1;
      return { ok: false, message: 'concurrent requests from the same application are not allowed.' };
    }
    for (const b of this.buckets) {
      if (!b.take(now)) {
        this.counters.rate_limited += 1;
        return { ok: false, message: `rate of ${b.limit} per ${b.seconds} second(s) exceeded.` };
      }
    }
    this.inFlight += 1;
    let finished = false;
    return {
      ok: true,
      done: () => {
        if (!finished) this.inFlight -= 1;
        finished = true;
      },
    };
  }

  reset(): void {
    this.counters.rate_limited = 0;
    this.counters.concurrent_rejected = 0;
    this.rebuild();
  }

  private rebuild(): void {
    this.buckets = [new Bucket(this.config.rate_limit_per_hour, 3600), new Bucket(this.config.rate_limit_per_day, 86_400)];
  }
}
