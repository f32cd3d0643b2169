import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ApiCall } from '../ops/api-calls';
import type { UltraCartGate } from '../ultracart/gate';

/**
 * The product's Prometheus metrics, served at /metrics (README, "Operating ucship", lists them with alert
 * rules). The order gauges are set by the alerts sweep every ALERT_INTERVAL in the process that ran it, so
 * take max() across instances. Labels carry stages, sides and classes, never order ids.
 */
export function createMetrics(opts: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const webhooks = new Counter({ name: 'ucship_webhooks_total', help: 'ShipStation webhooks received, by outcome', labelNames: ['outcome'] as const, registers });
  const apiCalls = new Counter({
    name: 'ucship_api_calls_total',
    help: 'Requests to UltraCart and ShipStation by side and outcome (ok, rate_limited = HTTP 429, refused = credentials, error)',
    labelNames: ['side', 'outcome'] as const,
    registers,
  });
  const ordersInStage = new Gauge({ name: 'ucship_orders', help: 'Open order workflows per stage', labelNames: ['stage'] as const, registers });
  const oldestInStage = new Gauge({
    name: 'ucship_stage_oldest_age_seconds',
    help: "Age of the oldest open order in each stage, from its workflow's start (within ~5%)",
    labelNames: ['stage'] as const,
    registers,
  });
  const overdueInStage = new Gauge({ name: 'ucship_stage_overdue_orders', help: "Orders sampled in a stage longer than the stage's threshold", labelNames: ['stage'] as const, registers });
  const parked = new Gauge({ name: 'ucship_parked_orders', help: 'Orders in needs_attention now, by reason class', labelNames: ['reason_class'] as const, registers });
  const parks = new Counter({ name: 'ucship_parks_total', help: 'Orders seen parking in needs_attention, by reason class', labelNames: ['reason_class'] as const, registers });
  const reconcileFindings = new Counter({
    name: 'ucship_reconcile_findings_total',
    help: 'Reconciliation findings by kind and outcome (healed, reported, deferred)',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const alerts = new Counter({ name: 'ucship_alerts_total', help: 'Alert messages by kind and outcome (sent, logged, failed)', labelNames: ['kind', 'outcome'] as const, registers });
  const credentialsRefused = new Gauge({ name: 'ucship_credentials_refused', help: '1 while the side refuses the configured credentials', labelNames: ['side'] as const, registers });
  const batchSizes = new Histogram({
    name: 'ucship_batch_size',
    help: 'Orders or shipments per batched API call, by side and operation',
    labelNames: ['side', 'operation'] as const,
    buckets: [1, 2, 5, 10, 25, 50, 100],
    registers,
  });
  return {
    registry,
    webhooks,
    apiCalls,
    ordersInStage,
    oldestInStage,
    overdueInStage,
    parked,
    parks,
    reconcileFindings,
    alerts,
    credentialsRefused,
    batchSizes,
    /** The ApiCallObserver the clients are given. */
    observeApiCall: (call: ApiCall) => apiCalls.inc({ side: call.side, outcome: call.outcome }),
    /** For batched calls: one observation per call, of how many orders or shipments it carried. */
    recordBatch: (side: ApiCall['side'], operation: string, size: number) => batchSizes.observe({ side, operation }, size),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** UltraCart's request budget as the process's gate sees it, read when /metrics is scraped. */
export function registerUltraCartBudget(metrics: Metrics, gate: UltraCartGate): void {
  type Snapshot = ReturnType<UltraCartGate['snapshot']>;
  const gauge = (name: string, help: string, pick: (s: Snapshot) => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        this.set(pick(gate.snapshot()));
      },
    });
  gauge('ucship_ultracart_requests', 'UltraCart requests sent since start', (s) => s.requests);
  gauge('ucship_ultracart_rate_limited', 'UltraCart 429 answers since start', (s) => s.rateLimited);
  gauge('ucship_ultracart_budget_hour_used_ratio', "estimated use of UltraCart's hourly leaky bucket (0..1)", (s) => s.hourUsed);
  gauge('ucship_ultracart_budget_day_used_ratio', "estimated use of UltraCart's daily leaky bucket (0..1)", (s) => s.dayUsed);
  gauge('ucship_ultracart_waiting_calls', 'UltraCart calls waiting for their turn at the gate', (s) => s.waitingCalls);
  gauge('ucship_ultracart_waited_seconds', 'time UltraCart calls spent waiting for budget since start', (s) => s.waitedMs / 1000);
}

/** How many worker processes this one counts on the ShipStation key (its share of each window follows from it). */
export function registerShipStationPeers(metrics: Metrics, peers: () => number): void {
  new Gauge({
    name: 'ucship_shipstation_worker_processes',
    help: 'Worker processes sharing the ShipStation key (polling its task queue), this one included',
    registers: [metrics.registry],
    collect() {
      this.set(peers());
    },
  });
}
