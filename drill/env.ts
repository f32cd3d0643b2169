import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alertsWorkflowId, ingestScheduleId, reconcileScheduleId, shipmentSweepScheduleId, voidSweepScheduleId } from '../src/contract';
import { SANDBOX_DEFAULTS } from '../src/config';
import { startPrivateStack, type PrivateStack, type PrivateTemporal } from '../stack-kit';

/**
 * The drill's real servers: one private Temporal dev server with its SQLite file in a temp dir (drill/index.ts),
 * and per scenario a private stack on it: a fresh pair of simulators in this process plus the worker as a child
 * process (`ucship worker`, explicit credentials) that can be SIGKILLed.
 */

export interface ScenarioEnvOptions {
  name: string;
  dir: string;
  temporal: PrivateTemporal;
  /** Extra or overriding env for the worker (e.g. a wrong credential); read at every start. */
  workerEnv?: Record<string, string>;
}

/** The UltraCart transport the drill's workers use: ULTRACART_TRANSPORT of the drill's own environment (CI runs both). */
export const DRILL_TRANSPORT: 'rest' | 'soap' = process.env.ULTRACART_TRANSPORT === 'rest' ? 'rest' : 'soap';

/** What every drill worker runs with: short timeouts and intervals, the rate limit off (429 bursts are injected). */
const DRILL_WORKER_ENV = {
  ULTRACART_TIMEOUT_MS: '2000',
  SHIPSTATION_TIMEOUT_MS: '2000',
  SHIPSTATION_RATE_LIMIT_PER_MINUTE: '0',
  TEMPORAL_NAMESPACE: 'default',
  WEBHOOK_SECRET: 'drill-webhook-secret',
  INGEST_INTERVAL: '1s',
  SHIPMENT_POLL_INTERVAL: '4s',
  SHIPMENT_WATCH_PERIOD: '2s',
};

/** One scenario's world: its own merchant (so workflow and schedule ids never collide), simulators and worker. */
export class ScenarioEnv {
  readonly merchantId: string;
  readonly taskQueue: string;
  private stack!: PrivateStack;
  /** Exits nobody asked for (a crash), with the tail of the output. */
  readonly crashes: string[] = [];
  kills = 0;
  private expectingExit = false;
  private supervisor: NodeJS.Timeout | undefined;
  private restarting = false;

  constructor(readonly opts: ScenarioEnvOptions) {
    this.merchantId = `DR${opts.name.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 6)}${process.pid % 10000}`;
    this.taskQueue = `drill-${this.merchantId}`;
  }

  async start(): Promise<void> {
    this.stack = await startPrivateStack({
      temporal: this.opts.temporal,
      merchantId: this.merchantId,
      mode: 'credentials',
      ultracartTransport: DRILL_TRANSPORT,
      taskQueue: this.taskQueue,
      dir: this.opts.dir,
      logFile: path.join(this.opts.dir, `worker-${this.opts.name}.log`),
      onExit: (code, signal) => {
        if (!this.expectingExit) this.crashes.push(`exit ${code ?? signal}: ${this.stack.worker.output.slice(-8).join(' | ')}`);
      },
      // Rate limits off: the drill is about faults and crashes, not the budgets (429 bursts are injected; the
      // UltraCart REST simulator still refuses concurrent requests).
      simulators: {
        ultracart: { restLimits: { rate_limit_per_hour: 0, rate_limit_per_day: 0 } },
        shipstation: { rateLimitPerMinute: 0, webhookDelayMs: 50 },
      },
      workerEnv: DRILL_WORKER_ENV,
    });
  }

  get ucAdmin() {
    return this.stack.ucAdmin;
  }

  get ssAdmin() {
    return this.stack.ssAdmin;
  }

  get exitCode(): number | null | undefined {
    return this.stack.worker.exitCode;
  }

  get output(): string[] {
    return this.stack.worker.output;
  }

  /** Spawns `ucship worker` with the scenario's env as it is now; resolves once its /healthz answers (or rejects if it exits first). */
  async startWorker(waitReady = true): Promise<void> {
    this.expectingExit = false;
    this.stack.worker.opts.env = this.stack.workerEnv(this.opts.workerEnv);
    await this.stack.worker.start(waitReady);
  }

  /** Resolves when the current worker process exits. */
  waitExit(): Promise<void> {
    return this.stack.worker.waitExit();
  }

  workerAlive(): boolean {
    return this.stack.worker.alive();
  }

  async killWorker(): Promise<void> {
    if (!this.workerAlive()) return;
    this.expectingExit = true;
    this.kills += 1;
    await this.stack.worker.kill();
  }

  async stopWorker(): Promise<void> {
    this.expectingExit = true;
    await this.stack.worker.stop();
  }

  /** Restarts a worker that exited on its own (as systemd or Kubernetes would); each such exit is a crash. */
  supervise(): void {
    this.supervisor ??= setInterval(() => {
      if (this.restarting || this.stack.worker.child === undefined || this.workerAlive() || this.expectingExit) return;
      this.restarting = true;
      this.startWorker()
        .catch(() => undefined)
        .finally(() => (this.restarting = false));
    }, 500);
  }

  stopSupervising(): void {
    clearInterval(this.supervisor);
    this.supervisor = undefined;
  }

  async clearFaults(): Promise<void> {
    await this.ucAdmin.clearFaults();
    await this.ssAdmin.clearFaults();
  }

  async close(): Promise<void> {
    this.stopSupervising();
    if (!this.stack) return;
    await this.stopWorker();
    // The schedules belong to this scenario's merchant; leave nothing running on the shared dev server.
    const dc = SANDBOX_DEFAULTS.dcCode;
    for (const scheduleId of [ingestScheduleId, voidSweepScheduleId, shipmentSweepScheduleId, reconcileScheduleId].map((id) => id(this.merchantId, dc))) {
      await this.opts.temporal.client.schedule
        .getHandle(scheduleId)
        .delete()
        .catch(() => undefined);
    }
    await this.opts.temporal.client.workflow
      .getHandle(alertsWorkflowId(this.merchantId, dc))
      .terminate('drill scenario over')
      .catch(() => undefined);
    await this.stack.stop();
  }
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-drill-'));
}
