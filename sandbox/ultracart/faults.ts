import { z } from 'zod';
import { ULTRACART_OPERATIONS } from '../../src/ultracart/protocol';

/** The REST routes by the names faults and stats use. */
export const REST_OPERATIONS = ['distributionCenters', 'queuedOrders', 'acknowledgements', 'shipments', 'inventory', 'packingSlip', 'item'] as const;
export type RestOperation = (typeof REST_OPERATIONS)[number];

/** Faults the simulator injects on SOAP and REST calls, as configured through POST /_sim/faults. */

export const faultRuleSchema = z.strictObject({
  /** Unset: every operation. */
  operation: z.enum([...ULTRACART_OPERATIONS, ...REST_OPERATIONS]).optional(),
  /**
   * fault: a SOAP Server fault (REST: a 500 error envelope); http500: a bare HTTP 500 page; delay: answer late;
   * drop: close the socket unanswered; 429: a rate-limit answer; 410: the application disabled by UltraCart
   * (REST: both with the envelope and UC-REST-ERROR).
   */
  mode: z.enum(['fault', 'http500', 'delay', 'drop', '429', '410']),
  /** How many calls it hits; unset: until DELETE /_sim/faults. */
  count: z.number().int().positive().optional(),
  /** Chance (0..1) that a matching call is hit; default 1. */
  rate: z.number().min(0).max(1).optional(),
  delay_ms: z.number().int().min(0).max(600_000).optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultMode = FaultRule['mode'];

export const DEFAULT_DELAY_MS = 5_000;

export class FaultInjector {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.count ?? Infinity });
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule that hits this call, if any (consuming one of its count). */
  take(operation: string): FaultRule | undefined {
    for (const entry of this.rules) {
      if (entry.remaining <= 0 || (entry.rule.operation !== undefined && entry.rule.operation !== operation)) continue;
      if (this.random() >= (entry.rule.rate ?? 1)) continue;
      entry.remaining -= 1;
      return entry.rule;
    }
    return undefined;
  }
}
