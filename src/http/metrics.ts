import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { UltraCartGate } from '../ultracart/gate';

/** The product's Prometheus metrics, served at /metrics; the UltraCart budget is read from the gate when scraped. */
export function createMetrics(sources: { ultracartGate?: UltraCartGate } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const webhooks = new Counter({
    name: 'ucship_webhooks_total',
    help: 'ShipStation webhooks received, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const gate = sources.ultracartGate;
  if (gate) {
    const read = (pick: (s: ReturnType<UltraCartGate['snapshot']>) => number) =>
      function (this: Gauge) {
        this.set(pick(gate.snapshot()));
      };
    const gauge = (name: string, help: string, pick: (s: ReturnType<UltraCartGate['snapshot']>) => number) =>
      new Gauge({ name, help, registers: [registry], collect: read(pick) });
    gauge('ucship_ultracart_requests', 'UltraCart requests sent since start', (s) => s.requests);
    gauge('ucship_ultracart_rate_limited', 'UltraCart 429 answers since start', (s) => s.rateLimited);
    gauge('ucship_ultracart_budget_hour_used_ratio', "estimated use of UltraCart's hourly leaky bucket (0..1)", (s) => s.hourUsed);
    gauge('ucship_ultracart_budget_day_used_ratio', "estimated use of UltraCart's daily leaky bucket (0..1)", (s) => s.dayUsed);
    gauge('ucship_ultracart_waiting_calls', 'UltraCart calls waiting for their turn at the gate', (s) => s.waitingCalls);
    gauge('ucship_ultracart_waited_seconds', 'time UltraCart calls spent waiting for budget since start', (s) => s.waitedMs / 1000);
  }
  return { registry, webhooks };
}
export type Metrics = ReturnType<typeof createMetrics>;
