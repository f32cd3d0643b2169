import { freePort } from '../src/util/free-port';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startShipStationSimulator, type ShipStationSimulator } from '../sandbox/shipstation';
import { startUltraCartSimulator, type UltraCartSimulator } from '../sandbox/ultracart/server';
import { alertsWorkflowId, ingestScheduleId, reconcileScheduleId, voidSweepScheduleId } from '../src/contract';
import { dataConverter } from '../src/codec/data-converter';
import { formatPayloadKey, generatePayloadKey } from '../src/codec/keys';
import { loadConfig } from '../src/config';
import { startDevServer, type DevServer } from '../src/temporal/dev-server';
import { waitForExit } from '../src/util/process-alive';

/**
 * The drill's real servers: one Temporal dev server on free ports with its SQLite file in a temp dir (never
 * 7233/8233, so a drill runs next to `npm start` and the jest suite), and per scenario a fresh pair of
 * simulators in this process plus the worker as a child process (`ucship worker`) that can be SIGKILLed.
 */

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'ucship.js');


export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One payload key per drill run, for its workers and its own client (payloads encrypted as in production). */
const PAYLOAD_KEYS = formatPayloadKey(generatePayloadKey('drill'));
/** The UltraCart transport the drill's workers use: ULTRACART_TRANSPORT of the drill's own environment (CI runs both). */
export const DRILL_TRANSPORT: 'rest' | 'soap' = process.env.ULTRACART_TRANSPORT === 'rest' ? 'rest' : 'soap';


export class TemporalUnderTest {
  private server: DevServer | undefined;
  client!: Client;
  readonly address: string;

  private constructor(
    readonly port: number,
    readonly dbFile: string,
  ) {
    this.address = `127.0.0.1:${port}`;
  }

  static async start(dir: string): Promise<TemporalUnderTest> {
    const t = new TemporalUnderTest(await freePort(), path.join(dir, 'temporal.sqlite'));
    await t.up();
    t.client = new Client({ connection: await Connection.connect({ address: t.address }), dataConverter: dataConverter(loadConfig({ PAYLOAD_ENCRYPTION_KEYS: PAYLOAD_KEYS })) });
    return t;
  }

  /** Starts (or restarts) the dev server on the same port with the same SQLite file. */
  async up(): Promise<void> {
    this.server = await startDevServer({ port: this.port, dbFile: this.dbFile, readyTimeoutMs: 120_000 });
  }

  /** SIGKILL: no chance to flush or shut down cleanly; only what SQLite committed survives. */
  async kill(): Promise<void> {
    const pid = this.server?.pid;
    if (pid === undefined) throw new Error('the dev server was not started from .tools/bin: cannot kill it');
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 10_000);
    await this.server?.stop();
    this.server = undefined;
  }

  async stop(): Promise<void> {
    await this.client?.connection.close().catch(() => undefined);
    await this.server?.stop();
  }
}

export interface ScenarioEnvOptions {
  name: string;
  dir: string;
  temporal: TemporalUnderTest;
  /** Extra or overriding env for the worker (e.g. a wrong credential). */
  workerEnv?: Record<string, string>;
}

interface Json {
  [k: string]: unknown;
}

/** One scenario's world: its own merchant (so workflow and schedule ids never collide), simulators and worker. */
export class ScenarioEnv {
  readonly merchantId: string;
  readonly taskQueue: string;
  uc!: UltraCartSimulator;
  ss!: ShipStationSimulator;
  httpPort = 0;
  worker: ChildProcess | undefined;
  /** Exits nobody asked for (a crash), with the tail of the output. */
  readonly crashes: string[] = [];
  kills = 0;
  starts = 0;
  private readonly logFile: string;
  private tail: string[] = [];
  private readyWaiters: Array<() => void> = [];
  private expectingExit = false;
  exitCode: number | null | undefined;

  constructor(readonly opts: ScenarioEnvOptions) {
    this.merchantId = `DR${opts.name.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 6)}${process.pid % 10000}`;
    this.taskQueue = `drill-${this.merchantId}`;
    this.logFile = path.join(opts.dir, `worker-${opts.name}.log`);
  }

  async startSimulators(): Promise<void> {
    // REST buckets off (the drill is about faults and crashes, not the hourly budget); concurrent requests still refused.
    this.uc = await startUltraCartSimulator({ port: 0, merchantId: this.merchantId, restLimits: { rate_limit_per_hour: 0, rate_limit_per_day: 0 } });
    // Rate limit off: the drill is about faults and crashes, not the 40/min budget (429 bursts are injected).
    this.ss = await startShipStationSimulator({ port: 0, rateLimitPerMinute: 0, webhookDelayMs: 50 });
    this.httpPort = await freePort();
  }

  workerEnv(): Record<string, string> {
    return {
      // Explicit credentials (not the sandbox defaults): a merchant of the scenario's own, pointed at the simulators.
      ULTRACART_MERCHANT_ID: this.merchantId,
      ULTRACART_DC_CODE: 'DFLT',
      ...(DRILL_TRANSPORT === 'rest'
        ? { ULTRACART_TRANSPORT: 'rest', ULTRACART_API_KEY: 'sandbox-simple-key', ULTRACART_REST_URL: this.uc.restUrl, ULTRACART_RATE_LIMIT_PER_HOUR: '1000000' }
        : { ULTRACART_TRANSPORT: 'soap', ULTRACART_ACCESS_KEY: 'sandbox-access-key', ULTRACART_SOAP_URL: this.uc.soapUrl }),
      ULTRACART_TIMEOUT_MS: '2000',
      SHIPSTATION_API_KEY: 'sandbox-key',
      SHIPSTATION_API_SECRET: 'sandbox-secret',
      SHIPSTATION_BASE_URL: this.ss.url,
      SHIPSTATION_STORE_ID: '1',
      SHIPSTATION_TIMEOUT_MS: '2000',
      SHIPSTATION_RATE_LIMIT_PER_MINUTE: '0',
      TEMPORAL_ADDRESS: this.opts.temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      HTTP_PORT: String(this.httpPort),
      PUBLIC_URL: `http://127.0.0.1:${this.httpPort}`,
      WEBHOOK_SECRET: 'drill-webhook-secret',
      INGEST_INTERVAL: '1s',
      SHIPMENT_POLL_INTERVAL: '4s',
      SHIPMENT_WATCH_PERIOD: '2s',
      DATA_DIR: this.opts.dir,
      LOG_LEVEL: 'warn',
      PAYLOAD_ENCRYPTION_KEYS: PAYLOAD_KEYS,
      ...this.opts.workerEnv,
    };
  }

  /** Spawns `ucship worker`; resolves once it printed that it is running (or rejects if it exits first). */
  async startWorker(waitReady = true): Promise<void> {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...this.workerEnv() };
    const child = spawn(process.execPath, [BIN, 'worker'], { cwd: this.opts.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.worker = child;
    this.starts += 1;
    this.expectingExit = false;
    this.exitCode = undefined;
    const log = fs.createWriteStream(this.logFile, { flags: 'a' });
    log.write(`\n--- start ${this.starts} pid ${child.pid} at ${new Date().toISOString()}\n`);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
        if (line.includes('ucship is running')) this.readyWaiters.splice(0).forEach((w) => w());
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code;
        log.end(`--- exit code ${code} signal ${signal}\n`);
        if (!this.expectingExit) this.crashes.push(`exit ${code ?? signal}: ${this.tail.slice(-8).join(' | ')}`);
        resolve();
      });
    });
    this.exitedPromise = exited;
    if (!waitReady) return;
    const ready = new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    const timeout = sleep(120_000).then(() => 'timeout' as const);
    const first = await Promise.race([ready.then(() => 'ready' as const), exited.then(() => 'exited' as const), timeout]);
    if (first !== 'ready') throw new Error(`worker ${first} before it was ready: ${this.tail.slice(-10).join('\n')}`);
  }

  private exitedPromise: Promise<void> = Promise.resolve();

  /** Resolves when the current worker process exits. */
  waitExit(): Promise<void> {
    return this.exitedPromise;
  }

  get output(): string[] {
    return [...this.tail];
  }

  workerAlive(): boolean {
    return this.worker !== undefined && this.worker.exitCode === null && this.worker.signalCode === null;
  }

  async killWorker(): Promise<void> {
    if (!this.workerAlive()) return;
    this.expectingExit = true;
    this.kills += 1;
    this.worker?.kill('SIGKILL');
    await this.exitedPromise;
  }

  async stopWorker(): Promise<void> {
    if (!this.workerAlive()) return;
    this.expectingExit = true;
    this.worker?.kill('SIGTERM');
    const t = setTimeout(() => this.worker?.kill('SIGKILL'), 15_000);
    await this.exitedPromise;
    clearTimeout(t);
  }

  private supervisor: NodeJS.Timeout | undefined;
  private restarting = false;

  /** Restarts a worker that exited on its own (as systemd or Kubernetes would); each such exit is a crash. */
  supervise(): void {
    this.supervisor ??= setInterval(() => {
      if (this.restarting || this.worker === undefined || this.workerAlive() || this.expectingExit) return;
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

  async close(): Promise<void> {
    this.stopSupervising();
    await this.stopWorker();
    // The schedules belong to this scenario's merchant; leave nothing running on the shared dev server.
    for (const scheduleId of [ingestScheduleId(this.merchantId, 'DFLT'), voidSweepScheduleId(this.merchantId, 'DFLT'), reconcileScheduleId(this.merchantId, 'DFLT')]) {
      await this.opts.temporal.client.schedule
        .getHandle(scheduleId)
        .delete()
        .catch(() => undefined);
    }
    await this.opts.temporal.client.workflow
      .getHandle(alertsWorkflowId(this.merchantId, 'DFLT'))
      .terminate('drill scenario over')
      .catch(() => undefined);
    await this.uc?.close();
    await this.ss?.close();
  }

  // --- simulator admin routes (the invariants are read from these stores, never from the product) ---

  async json<T = Json>(url: string, init?: RequestInit): Promise<T> {
    const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  postOrders(orders: unknown[]): Promise<unknown> {
    return this.json(`${this.uc.url}/_sim/orders`, { method: 'POST', body: JSON.stringify(orders) });
  }

  ucOrder(orderId: string): Promise<UcOrderView> {
    return this.json(`${this.uc.url}/_sim/orders/${encodeURIComponent(orderId)}`);
  }

  ucStats(): Promise<{ calls: Record<string, number>; faults_served: number }> {
    return this.json(`${this.uc.url}/_sim/stats`);
  }

  ucFault(rule: Json): Promise<unknown> {
    return this.json(`${this.uc.url}/_sim/faults`, { method: 'POST', body: JSON.stringify(rule) });
  }

  ssFault(rule: Json): Promise<unknown> {
    return this.json(`${this.ss.url}/_sim/faults`, { method: 'POST', body: JSON.stringify(rule) });
  }

  async clearFaults(): Promise<void> {
    await this.json(`${this.uc.url}/_sim/faults`, { method: 'DELETE' });
    await this.json(`${this.ss.url}/_sim/faults`, { method: 'DELETE' });
  }

  autoship(afterMs: number): Promise<unknown> {
    return this.json(`${this.ss.url}/_sim/autoship`, { method: 'POST', body: JSON.stringify({ after_ms: afterMs }) });
  }

  ssOrders(): Promise<{ orders: SsOrderView[] }> {
    return this.json(`${this.ss.url}/_sim/orders`);
  }

  ssShipments(): Promise<{ shipments: SsShipmentView[] }> {
    return this.json(`${this.ss.url}/_sim/shipments`);
  }

  ssStats(): Promise<{ orders: number; shipments: number; total: number; unauthorized: number; rateLimited: number; faultsServed: Record<string, number>; webhooks: Record<string, number> }> {
    return this.json(`${this.ss.url}/_sim/stats`);
  }
}

export interface UcOrderView {
  imported: boolean;
  acknowledge_count: number;
  shipments: Array<{ shipment_id: string | null; tracking_numbers: string[]; carrier: string; service: string; shipping_cost: number; received_count: number; content_changes: number }>;
}

export interface SsOrderView {
  orderId: number;
  orderKey: string;
  orderNumber: string;
  orderStatus: string;
  [k: string]: unknown;
}

export interface SsShipmentView {
  shipmentId: number;
  orderId: number;
  orderKey: string;
  trackingNumber: string;
  voided: boolean;
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-drill-'));
}
