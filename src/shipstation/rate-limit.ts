/**
 * Client-side gate over ShipStation's per-key budget (40 requests/minute, shared by every program using the
 * key). Every call waits for a permit; every response reports the server's `X-Rate-Limit-*` headers back. When
 * the budget left is at or below `reserve`, callers queue (FIFO) until the window resets instead of spending
 * the last requests and collecting 429s. One gate per client instance, shared by its concurrent calls.
 *
 * Several worker processes on one key each see the same window's remainder, so each could spend all of it and
 * together they would collect 429s. Each process therefore spends at most its share of the window, the budget
 * above the reserve divided by the processes sharing the key (`peers`), floored so the shares never add up to
 * more than the budget; and never more than the server says is left.
 */

import { waitInLine } from '../wait-in-line';

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

const MINUTE_MS = 60_000;

/** What a response reports; a 429 may come without the limit. */
export type RateLimitReport = Omit<RateLimitHeaders, 'limit'> & { limit?: number };

export class RateLimitGate {
  private limit: number;
  /**
   * Requests left in the current window. Undefined while unknown (at start and after each reset): then one
   * request at a time is sent as a probe, because other programs may already have spent part of the budget.
   */
  private remaining: number | undefined;
  private resetAt: number | undefined;
  private inFlight = 0;
  /** Requests this process sent that the current window may be charged for. */
  private sentInWindow = 0;
  private readonly waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    limitPerMinute: number,
    private readonly reserve: number,
    private readonly now: () => number = Date.now,
    /** How many processes share the key, this one included; read at every decision, so a change applies at once. */
    private readonly peers: () => number = () => 1,
  ) {
    this.limit = limitPerMinute;
  }

  /**
   * Resolves when a request may be sent. Pair every acquire with one `release` or `abandon`. When `signal`
   * aborts first (the attempt it was for timed out or was cancelled), the caller leaves the queue and the promise
   * rejects with the signal's reason: a dead attempt spends none of the budget.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    const admitted = waitInLine(this.waiters, signal, () => signal?.reason, () => this.pump());
    this.pump();
    return admitted;
  }

  /** A response arrived; `report` is undefined when it carried no rate-limit headers. */
  release(report: RateLimitReport | undefined): void {
    // Before the answered request leaves the in-flight count: a window that ended meanwhile may charge it.
    this.endWindowIfDue();
    this.inFlight -= 1;
    if (report) this.observe(report);
    // A server that sends no headers: fall back to the configured per-minute limit.
    else if (this.remaining === undefined && this.limit > 0) this.startWindow(this.limit - 1 - this.inFlight, this.now() + MINUTE_MS);
    this.pump();
  }

  /**
   * Requests that could be sent now without keeping anyone waiting: 0 while callers queue, undefined while the
   * window's budget is unknown (no answer yet in this window). Work that must never starve the orders
   * (reconciliation) spends only this, above a reserve.
   */
  spare(): number | undefined {
    if (this.waiters.length > 0) return 0;
    if (this.resetAt !== undefined && this.now() >= this.resetAt) return undefined;
    return this.remaining === undefined ? undefined : Math.max(0, Math.min(this.remaining - this.reserve, this.share() - this.sentInWindow));
  }

  /** No response (timeout, connection error): nothing learnt about the budget. */
  abandon(): void {
    this.inFlight -= 1;
    this.pump();
  }

  private observe({ limit, remaining, resetSeconds }: RateLimitReport): void {
    const resetAt = this.now() + resetSeconds * 1000;
    if (limit !== undefined && limit > 0) this.limit = limit;
    if (this.remaining !== undefined && this.resetAt !== undefined) {
      // A fixed window cannot end before the reset we learnt, so this report is of the same window. Counts only
      // fall within it, and every report's reset is late by its own delay and rounding: the earliest is truest.
      // (Telling windows apart by how far their resets differ pushed the reset later whenever a response was slow.)
      this.remaining = Math.min(this.remaining, remaining);
      this.resetAt = Math.min(this.resetAt, resetAt);
    } else {
      // A new window: requests still in flight will be charged to it too.
      this.startWindow(remaining - this.inFlight, resetAt);
      // Of this process's sends, no more than the window has used so far (and those still in flight) can be
      // charged to it: probes lost while the budget was unknown (an outage) must not hold the window shut.
      this.sentInWindow = Math.min(this.sentInWindow, Math.max(0, this.limit - remaining) + this.inFlight);
    }
  }

  private startWindow(remaining: number, resetAt: number): void {
    this.remaining = remaining;
    this.resetAt = resetAt;
  }

  /** The window's reset has passed: its budget is unknown until the next answer. */
  private endWindowIfDue(): void {
    if (this.resetAt === undefined || this.now() < this.resetAt) return;
    this.remaining = undefined;
    this.resetAt = undefined;
    // Requests still in flight may be charged to the next window, so they count against this process's share.
    this.sentInWindow = this.inFlight;
  }

  /** A tiny limit (tests) must still let one request through per window. */
  private effectiveReserve(): number {
    return Math.min(this.reserve, this.limit - 1);
  }

  /**
   * This process's part of a window. At least one request, so a process is never shut out, even when there
   * are more processes than requests to share.
   */
  private share(): number {
    if (this.limit <= 0) return Infinity;
    const peers = this.peers();
    const n = Number.isFinite(peers) ? Math.max(1, Math.floor(peers)) : 1;
    return Math.max(1, Math.floor((this.limit - this.effectiveReserve()) / n));
  }

  private pump(): void {
    this.endWindowIfDue();
    const now = this.now();
    const reserve = this.effectiveReserve();
    const share = this.share();
    while (this.waiters.length > 0) {
      if (this.remaining === undefined) {
        // Limit 0 (configured off) and no headers to say otherwise: nothing to pace.
        if (this.inFlight > 0 && this.limit > 0) break; // the probe's answer will pump again
      } else if (this.remaining > reserve && this.sentInWindow < share) {
        this.remaining -= 1;
      } else break;
      this.inFlight += 1;
      this.sentInWindow += 1;
      this.waiters.shift()?.();
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiters.length > 0 && this.resetAt !== undefined) this.timer = setTimeout(() => this.pump(), Math.max(0, this.resetAt - now));
  }
}
