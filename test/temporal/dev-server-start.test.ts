import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { requestJson } from '../../sandbox/admin-client';
import { waitFor } from '../../stack-kit';
import { startDevServer } from '../../src/temporal/dev-server';
import { freePort } from '../../src/util/free-port';
import { isAlive } from '../../src/util/process-alive';
import { runUcship, sandboxEnv, type UcshipProcess } from '../support/ucship-process';

it('a dev server left running by a SIGKILLed `ucship start` is stopped by the next start, which then runs on the same data', async () => {
  const sandbox = await sandboxEnv();
  const { env, dataDir } = sandbox;
  const pidFile = path.join(dataDir, 'temporal.sqlite.pid');
  const serverPid = () => Number(fs.readFileSync(pidFile, 'utf8').split(' ')[0]);
  // Ready when its /healthz answers 200: the workers run. A timeout shows what the start printed.
  const ready = (s: UcshipProcess) => async () => ({
    done: (await requestJson(`http://127.0.0.1:${env.HTTP_PORT}/healthz`).catch(() => ({ status: 0 }))).status === 200,
    progress: s.output().slice(-3000),
  });
  let second: UcshipProcess | undefined;
  let leftover: number | undefined;
  try {
    const first = runUcship(['start'], env);
    await waitFor('the first start', ready(first), { timeoutMs: 150_000 });
    leftover = serverPid();
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isAlive(leftover)).toBe(true); // the orphan this is about

    second = runUcship(['start'], env);
    await waitFor('the second start', ready(second), { timeoutMs: 150_000 });
    expect(isAlive(leftover)).toBe(false);
    expect(serverPid()).not.toBe(leftover);
    expect(second.output()).toContain('stopped a Temporal dev server that a killed earlier start had left running');

    const own = serverPid();
    second.child.kill('SIGTERM');
    await second.exited;
    await waitFor('the dev server to stop with its start', () => !isAlive(own), { timeoutMs: 15_000 });
    expect(fs.existsSync(pidFile)).toBe(false);
  } finally {
    second?.child.kill('SIGKILL');
    if (leftover !== undefined && isAlive(leftover)) process.kill(leftover, 'SIGKILL');
    if (fs.existsSync(pidFile) && isAlive(serverPid())) process.kill(serverPid(), 'SIGKILL');
    sandbox.cleanup();
  }
}, 360_000);

it('Ctrl-C on a terminal (SIGINT to the whole foreground group) drains the workers while the dev server still runs, then stops it', async () => {
  const sandbox = await sandboxEnv();
  const { env, dataDir } = sandbox;
  const pidFile = path.join(dataDir, 'temporal.sqlite.pid');
  const start = runUcship(['start'], env, undefined, { ownGroup: true });
  let server: number | undefined;
  try {
    await waitFor('the start', async () => ({ done: (await requestJson(`http://127.0.0.1:${env.HTTP_PORT}/healthz`).catch(() => ({ status: 0 }))).status === 200, progress: start.output().slice(-3000) }), {
      timeoutMs: 150_000,
    });
    server = Number(fs.readFileSync(pidFile, 'utf8').split(' ')[0]);
    process.kill(-start.child.pid!, 'SIGINT');
    expect(await start.exited).toBe(0);
    expect(start.output()).toContain('SIGINT: draining workers and stopping');
    // A server that died with the group would show as the drain's calls failing against it.
    expect(start.output()).not.toMatch(/Network error|retried|UNAVAILABLE/);
    await waitFor('the dev server to stop with its start', () => !isAlive(server!), { timeoutMs: 15_000 });
    expect(fs.existsSync(pidFile)).toBe(false);
  } finally {
    start.child.kill('SIGKILL');
    if (server !== undefined && isAlive(server)) process.kill(server, 'SIGKILL');
    sandbox.cleanup();
  }
}, 240_000);

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
