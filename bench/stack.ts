import { readFileSync } from 'node:fs';
import { startPrivateStack, type PrivateStack } from '../stack-kit';

/**
 * One benchmark stack over real servers (the private-stack kit): a fresh in-memory Temporal dev server, both
 * simulators on free ports in this process, and the product itself as a child process (`ucship worker` in the
 * sandbox configuration: workers, webhook server and subscription, ingest schedule) so its memory is its own.
 */

export interface BenchStackOptions {
  /** ShipStation simulator limit per window; 0 = off. */
  rateLimit: number;
  rateWindowMs: number;
  /** Extra environment for the worker process (INGEST_INTERVAL, SHIPMENT_WATCH_PERIOD, ...). */
  workerEnv: Record<string, string>;
  /** Payload encryption (the product's default) or PAYLOAD_ENCRYPTION=off, for the worker and this client alike. */
  encryption?: boolean;
  log: (line: string) => void;
}

export type BenchStack = PrivateStack & {
  /** Worker process resident memory (VmRSS) in bytes. */
  workerRss(): number;
};

export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

export async function startBenchStack(opts: BenchStackOptions): Promise<BenchStack> {
  const stack = await startPrivateStack({
    mode: 'sandbox',
    encryption: opts.encryption,
    taskQueue: 'bench',
    simulators: { shipstation: { rateLimitPerMinute: opts.rateLimit, rateLimitWindowMs: opts.rateWindowMs, webhookDelayMs: 50 } },
    // The production defaults: the sandbox's 30 s sweeps would spend a fifth of the 40 requests a minute, and
    // its 10-minute reconciliation (whose Schedule fires on the clock's tens) and 10 s alert sweep would land in
    // some runs and not others.
    workerEnv: { VOID_SWEEP_INTERVAL: '1h', SHIPMENT_SWEEP_INTERVAL: '30m', RECONCILE_INTERVAL: '1d', ALERT_INTERVAL: '5m', ...opts.workerEnv },
    onLine: (line) => {
      if (!line.startsWith('  ') && line.trim() !== '') opts.log(`  [worker] ${line.slice(0, 300)}`);
    },
  });
  return { ...stack, workerRss: () => (stack.worker.child?.pid ? rssOf(stack.worker.child.pid) : NaN) };
}
