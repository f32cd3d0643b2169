import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { startDevServer } from '../../src/temporal/dev-server';
import { freePort } from '../../src/util/free-port';
import { isAlive } from '../../src/util/process-alive';
import { requestJson } from '../../sandbox/admin-client';
import { waitFor } from '../../stack-kit';

/** `ucship start` as a child process; `output` collects stdout and stderr. */
function start(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn('node', [path.resolve(__dirname, '../../bin/ucship.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

it('a dev server left running by a SIGKILLed `ucship start` is stopped by the next start, which then runs on the same data', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-leftover-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    HTTP_PORT: String(await freePort()),
    SANDBOX_ULTRACART_PORT: String(await freePort()),
    SANDBOX_SHIPSTATION_PORT: String(await freePort()),
  };
  const pidFile = path.join(dataDir, 'temporal.sqlite.pid');
  const serverPid = () => Number(fs.readFileSync(pidFile, 'utf8').split(' ')[0]);
  // Ready when its /healthz answers 200: the workers run.
  const ready = async () => (await requestJson(`http://127.0.0.1:${env.HTTP_PORT}/healthz`).catch(() => ({ status: 0 }))).status === 200;
  let second: ReturnType<typeof start> | undefined;
  let leftover: number | undefined;
  try {
    const first = start(env);
    await waitFor('the first start', ready, { timeoutMs: 150_000 });
    leftover = serverPid();
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(isAlive(leftover)).toBe(true); // the orphan this is about

    second = start(env);
    await waitFor('the second start', ready, { timeoutMs: 150_000 });
    expect(isAlive(leftover)).toBe(false);
    expect(serverPid()).not.toBe(leftover);
    expect(second.output()).toContain('stopped a Temporal dev server that a killed earlier start had left running');

    const own = serverPid();
    second.child.kill('SIGTERM');
    await new Promise((r) => second?.child.once('exit', r));
    await waitFor('the dev server to stop with its start', () => !isAlive(own), { timeoutMs: 15_000 });
    expect(fs.existsSync(pidFile)).toBe(false);
  } finally {
    second?.child.kill('SIGKILL');
    if (leftover !== undefined && isAlive(leftover)) process.kill(leftover, 'SIGKILL');
    if (fs.existsSync(pidFile) && isAlive(serverPid())) process.kill(serverPid(), 'SIGKILL');
  }
}, 360_000);

it('a dev server whose port is taken refuses to start, instead of taking the other server for its own', async () => {
  const port = await freePort();
  const squatter = net.createServer();
  await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r));
  try {
    await expect(startDevServer({ port })).rejects.toThrow(`127.0.0.1:${port} is already in use`);
  } finally {
    squatter.close();
  }
});
