import { freePort } from '../src/util/free-port';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startShipStationSimulator, type ShipStationSimulator } from '../sandbox/shipstation';
import { startUltraCartSimulator, type UltraCartSimulator } from '../sandbox/ultracart/server';
import { dataConverter } from '../src/codec/data-converter';
import { formatPayloadKey, generatePayloadKey } from '../src/codec/keys';
import { loadConfig } from '../src/config';
import { startDevServer, type DevServer } from '../src/temporal/dev-server';

/**
 * One benchmark stack over real servers: a fresh in-memory Temporal dev server on a free port (never 7233/8233,
 * so it runs next to `npm start`), both simulators on free ports in this process, and the product itself as a
 * child process (`ucship worker`: workers, webhook server and subscription, ingest schedule) so its memory is
 * its own.
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

export interface BenchStack {
  client: Client;
  uc: UltraCartSimulator;
  ss: ShipStationSimulator;
  temporal: DevServer;
  worker: ChildProcess | undefined;
  startWorker(): Promise<void>;
  /** Worker process resident memory (VmRSS) in bytes. */
  workerRss(): number;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..');


export async function json<T = unknown>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

export async function startBenchStack(opts: BenchStackOptions): Promise<BenchStack> {
  const temporal = await startDevServer({ port: await freePort(), readyTimeoutMs: 120_000 });
  const uc = await startUltraCartSimulator({ port: 0 });
  const ss = await startShipStationSimulator({ port: 0, rateLimitPerMinute: opts.rateLimit, rateLimitWindowMs: opts.rateWindowMs, webhookDelayMs: 50 });
  const connection = await Connection.connect({ address: temporal.address });
  // A fresh key per stack, never the sandbox's key file under .data/.
  const encryptionEnv: Record<string, string> = opts.encryption === false ? { PAYLOAD_ENCRYPTION: 'off' } : { PAYLOAD_ENCRYPTION_KEYS: formatPayloadKey(generatePayloadKey('bench')) };
  const client = new Client({ connection, dataConverter: dataConverter(loadConfig(encryptionEnv)) });
  let worker: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const stack: BenchStack = {
    client,
    uc,
    ss,
    temporal,
    get worker() {
      return worker;
    },
    async startWorker() {
      const env: NodeJS.ProcessEnv = {};
      // Only what a worker needs: no credentials from the caller's environment (the simulators are the sandbox).
      for (const k of ['PATH', 'HOME', 'NODE_OPTIONS', 'TMPDIR']) if (process.env[k] !== undefined) env[k] = process.env[k];
      Object.assign(env, {
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_TASK_QUEUE: 'bench',
        SANDBOX_ULTRACART_PORT: String(uc.port),
        SANDBOX_SHIPSTATION_PORT: String(ss.port),
        HTTP_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        // The production default: the sandbox's 30 s sweep would spend 2 of the 40 requests a minute.
        VOID_SWEEP_INTERVAL: '1h',
        ...encryptionEnv,
        ...opts.workerEnv,
      });
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ucship.js'), 'worker'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      worker = child;
      exited = new Promise((resolve) => child.once('exit', () => resolve()));
      let ready: () => void;
      let failed: (err: Error) => void;
      const started = new Promise<void>((resolve, reject) => {
        ready = resolve;
        failed = reject;
      });
      const onLine = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          if (line.includes('ucship is running')) ready();
          if (!line.startsWith('  ') && line.trim() !== '') opts.log(`  [worker] ${line.slice(0, 300)}`);
        }
      };
      child.stdout?.on('data', onLine);
      child.stderr?.on('data', onLine);
      child.once('exit', (code) => failed(new Error(`worker exited with code ${code} before it was ready`)));
      await started;
    },
    workerRss: () => (worker?.pid ? rssOf(worker.pid) : NaN),
    async stop() {
      if (worker && worker.exitCode === null && worker.signalCode === null) {
        const w = worker;
        const force = setTimeout(() => w.kill('SIGKILL'), 15_000);
        w.kill('SIGTERM');
        await exited;
        clearTimeout(force);
      }
      await connection.close();
      await ss.close();
      await uc.close();
      await temporal.stop();
    },
  };
  return stack;
}
