import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** The product's Prometheus metrics, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const webhooks = new Counter({
    name: 'ucship_webhooks_total',
    help: 'ShipStation webhooks received, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return { registry, webhooks };
}
export type Metrics = ReturnType<typeof createMetrics>;
