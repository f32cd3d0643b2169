import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../../src/util/free-port';

const BIN = path.resolve(__dirname, '../../bin/ucship.js');

export interface UcshipProcess {
  child: ChildProcess;
  /** stdout and stderr as they arrived. */
  output(): string;
  /** Resolves with the exit code (or the signal) once the process has exited; safe to call after it has. */
  exited: Promise<number | NodeJS.Signals>;
}

/** `ucship <args>` as a user runs it: a child process, in `cwd` (default a temp dir, so no .env is picked up). */
export function runUcship(args: string[], env: NodeJS.ProcessEnv, cwd = os.tmpdir(), opts: { ownGroup?: boolean } = {}): UcshipProcess {
  // ownGroup: a process group of its own, as a shell gives a foreground job, so `kill(-pid)` plays a terminal's Ctrl-C.
  const child = spawn('node', [BIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.ownGroup ?? false });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal as NodeJS.Signals))));
  return { child, output: () => output, exited };
}

/** A sandbox environment on free ports with its own data directory; `cleanup()` removes the directory. */
/** The ports a `ucship start` binds, each a distinct free one. */
export async function stackPorts() {
  const [dev, ui, http, ultracart, shipstation] = await freePorts(5);
  return {
    TEMPORAL_DEV_PORT: String(dev),
    TEMPORAL_UI_PORT: String(ui),
    HTTP_PORT: String(http),
    SANDBOX_ULTRACART_PORT: String(ultracart),
    SANDBOX_SHIPSTATION_PORT: String(shipstation),
  };
}

export async function sandboxEnv(extra: NodeJS.ProcessEnv = {}): Promise<{ env: NodeJS.ProcessEnv; dataDir: string; cleanup(): void }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-test-data-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...(await stackPorts()),
    ...extra,
  };
  return { env, dataDir, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** `ucship config` in `cwd` with exactly `env` (plus PATH); `row(name)` is that setting's line of the table. */
export function ucshipConfig(env: Record<string, string | undefined>, cwd = os.tmpdir()) {
  const run = spawnSync('node', [BIN, 'config'], { env: { PATH: process.env.PATH, ...env }, cwd, encoding: 'utf8', timeout: 60_000 });
  const row = (name: string) => run.stdout.split('\n').find((line) => line.trim().split(/\s+/)[0] === name) ?? '';
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, row };
}
