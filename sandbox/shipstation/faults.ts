import type { FaultSpec } from './schemas';

type RequestMode = '429' | 'http500' | 'delay';
type WebhookMode = 'drop_webhook' | 'duplicate_webhook';

/** Injected failures (POST /_sim/faults). The first matching fault that fires is consumed; count 0 removes it. */
export class FaultRegistry {
  private faults: Array<FaultSpec & { left: number }> = [];
  readonly served: Record<string, number> = {};

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec, left: spec.count ?? Infinity });
  }

  clear(): void {
    this.faults = [];
    for (const k of Object.keys(this.served)) delete this.served[k];
  }

  /** A fault for one REST request on `route` ("METHOD /template"), if one fires. */
  forRequest(route: string): FaultSpec | undefined {
    return this.fire(['429', 'http500', 'delay'] satisfies RequestMode[], (f) => f.route === undefined || f.route === route || f.route === route.split(' ')[1]);
  }

  /** A fault for one webhook delivery, if one fires. */
  forWebhook(): FaultSpec | undefined {
    return this.fire(['drop_webhook', 'duplicate_webhook'] satisfies WebhookMode[], () => true);
  }

  private fire(modes: string[], matches: (f: FaultSpec) => boolean): FaultSpec | undefined {
    const fault = this.faults.find((f) => f.left > 0 && modes.includes(f.mode) && matches(f) && Math.random() < f.rate);
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) this.faults = this.faults.filter((f) => f !== fault);
    this.served[fault.mode] = (this.served[fault.mode] ?? 0) + 1;
    return fault;
  }
}
