import type { Logger } from '../../src/logger';
import type { FaultRegistry } from './faults';
import type { TimerSet } from './timers';

const ATTEMPTS = 5;
const RETRY_BASE_MS = 200;
const DELIVERY_TIMEOUT_MS = 5000;

export interface WebhookStats {
  /** POSTs made, retries included. */
  sent: number;
  delivered: number;
  retried: number;
  /** Given up after every attempt failed. */
  failed: number;
  dropped: number;
  duplicated: number;
}

/** Delivers webhooks as ShipStation does: later, unsigned, at least once (failures retried with backoff). */
export class WebhookDispatcher {
  stats: WebhookStats = emptyStats();
  private abort = new AbortController();

  constructor(
    private readonly delayMs: number,
    private readonly faults: FaultRegistry,
    private readonly timers: TimerSet,
    private readonly logger?: Logger,
  ) {}

  notify(targetUrl: string, payload: { resource_url: string; resource_type: string }): void {
    const fault = this.faults.forWebhook();
    if (fault?.mode === 'drop_webhook') {
      this.stats.dropped += 1;
      return;
    }
    if (fault?.mode === 'duplicate_webhook') {
      this.stats.duplicated += 1;
      this.schedule(targetUrl, payload, 0, this.delayMs * 2);
    }
    this.schedule(targetUrl, payload, 0, this.delayMs);
  }

  /** Forgets pending deliveries (their timers are cleared by the owner of the TimerSet). */
  reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.stats = emptyStats();
  }

  private schedule(targetUrl: string, payload: object, attempt: number, delayMs: number): void {
    const signal = this.abort.signal;
    this.timers.after(delayMs, () => void this.deliver(targetUrl, payload, attempt, signal));
  }

  private async deliver(targetUrl: string, payload: object, attempt: number, signal: AbortSignal): Promise<void> {
    this.stats.sent += 1;
    try {
      const res = await fetch(targetUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.any([signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      await res.body?.cancel();
      if (res.ok) {
        this.stats.delivered += 1;
        return;
      }
      // Only the origin is logged: the target path holds the receiver's secret.
      this.logger?.debug({ target: new URL(targetUrl).origin, status: res.status, attempt }, 'sim webhook refused');
    } catch (err) {
      if (signal.aborted) return;
      this.logger?.debug({ target: new URL(targetUrl).origin, err: (err as Error).message, attempt }, 'sim webhook failed');
    }
    if (attempt + 1 >= ATTEMPTS) {
      this.stats.failed += 1;
      return;
    }
    this.stats.retried += 1;
    this.schedule(targetUrl, payload, attempt + 1, RETRY_BASE_MS * 2 ** attempt);
  }
}

function emptyStats(): WebhookStats {
  return { sent: 0, delivered: 0, retried: 0, failed: 0, dropped: 0, duplicated: 0 };
}
