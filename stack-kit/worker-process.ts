import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { requestJson } from '../sandbox/admin-client';
import { waitFor } from './wait-for';

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'ucship.js');
/** Only what a worker needs from this process's environment: never credentials from the caller's shell. */
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'NODE_OPTIONS'];

export interface WorkerProcessOptions {
  /** The worker's whole configuration; HTTP_PORT is required (readiness is polled on its /healthz). */
  env: Record<string, string>;
  cwd?: string;
  /** Append the output here (each start marked). */
  logFile?: string;
  /** Each line of output, as it comes. */
  onLine?: (line: string) => void;
  /** Each exit, asked for or not. */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  readyTimeoutMs?: number;
}

/**
 * `ucship worker` as a child process that can be SIGKILLed and started again: ready once its `/healthz` answers
 * 200 (the workers are running), failed if it exits first. Keeps the last lines of output for error messages.
 */
export class WorkerProcess {
  child: ChildProcess | undefined;
  exitCode: number | null | undefined;
  starts = 0;
  private tail: string[] = [];
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly opts: WorkerProcessOptions) {}

  get healthUrl(): string {
    return `http://127.0.0.1:${this.opts.env.HTTP_PORT}/healthz`;
  }

  /** The last lines the worker printed (stdout and stderr). */
  get output(): string[] {
    return [...this.tail];
  }

  alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the worker; with `waitReady`, resolves once /healthz answers (rejects if it exits or times out). */
  async start(waitReady = true): Promise<void> {
    if (!this.opts.env.HTTP_PORT) throw new Error('WorkerProcess: env.HTTP_PORT is required');
    const env: NodeJS.ProcessEnv = {};
    for (const k of PASSED_THROUGH) if (process.env[k] !== undefined) env[k] = process.env[k];
    Object.assign(env, this.opts.env);
    // UCSHIP_CPU_PROF=<dir>: each worker writes a V8 CPU profile per thread there when it exits (where the time goes).
    const profile = process.env.UCSHIP_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.UCSHIP_CPU_PROF}`] : [];
    const child = spawn(process.execPath, [...profile, BIN, 'worker'], { cwd: this.opts.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts += 1;
    this.exitCode = undefined;
    const log = this.opts.logFile ? fs.createWriteStream(this.opts.logFile, { flags: 'a' }) : undefined;
    log?.write(`\n--- start ${this.starts} pid ${child.pid} at ${new Date().toISOString()}\n`);
    const onData = (chunk: Buffer) => {
      log?.write(chunk);
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
        this.opts.onLine?.(line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code;
        log?.end(`--- exit code ${code} signal ${signal}\n`);
        this.opts.onExit?.(code, signal);
        resolve();
      });
    });
    if (waitReady) await this.ready(child);
  }

  private async ready(child: ChildProcess): Promise<void> {
    const healthy = async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`worker exited (${child.exitCode ?? child.signalCode}) before it was ready: ${this.tail.slice(-10).join('\n')}`);
      }
      const status = await requestJson(this.healthUrl).then((r) => r.status, () => 0);
      return { done: status === 200, progress: this.tail.slice(-10).join('\n') };
    };
    await waitFor('the worker', healthy, { timeoutMs: this.opts.readyTimeoutMs ?? 120_000 });
  }

  /** Resolves when the current worker process exits. */
  waitExit(): Promise<void> {
    return this.exited;
  }

  /** SIGKILL: the worker gets no chance to drain. */
  async kill(): Promise<void> {
    if (!this.alive()) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (drain), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (!this.alive()) return;
    const child = this.child;
    const force = setTimeout(() => child?.kill('SIGKILL'), 15_000);
    child?.kill('SIGTERM');
    await this.exited;
    clearTimeout(force);
  }
}
