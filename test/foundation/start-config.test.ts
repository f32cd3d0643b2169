import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/util/free-port';
import { runUcship, sandboxEnv } from '../support/ucship-process';

jest.setTimeout(90_000);

it('`ucship start` with a half configuration refuses to start and lists every problem by setting name', async () => {
  const env = { PATH: process.env.PATH, ULTRACART_ACCESS_KEY: 'very-secret-key', HTTP_PORT: 'not-a-port', SHIPSTATION_API_KEY: 'k' };
  const failure = await promisify(execFile)('node', [path.resolve(__dirname, '../../bin/ucship.js'), 'start'], { env, cwd: '/' }).catch(
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  expect(failure).toMatchObject({ code: 2 });
  const { stderr } = failure as { stderr: string };
  for (const name of ['HTTP_PORT', 'ULTRACART_MERCHANT_ID', 'ULTRACART_DC_CODE', 'ULTRACART_SOAP_URL', 'SHIPSTATION_API_SECRET']) expect(stderr).toContain(name);
  expect(stderr).not.toContain('very-secret-key');
});

/** `ucship start` in a sandbox on free ports with `extra`; resolves with its exit code and output. */
async function startWith(extra: NodeJS.ProcessEnv, args = ['start']) {
  const sandbox = await sandboxEnv(extra);
  try {
    const run = runUcship(args, sandbox.env);
    const code = await run.exited;
    return { code, output: run.output() };
  } finally {
    sandbox.cleanup();
  }
}

async function squat(port: number): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return server;
}

it('INGEST_INTERVAL without a unit is refused by the config, before the simulators start', async () => {
  const { code, output } = await startWith({ INGEST_INTERVAL: '5' });
  expect(code).toBe(2);
  expect(output).toContain('INGEST_INTERVAL: "5" has no unit');
  expect(output).not.toContain('simulator listening');
});

it.each(['HTTP_PORT', 'SANDBOX_ULTRACART_PORT', 'SANDBOX_SHIPSTATION_PORT', 'TEMPORAL_DEV_PORT'])('a taken %s: exit 2 naming the setting and the address', async (setting) => {
  const port = await freePort();
  const squatter = await squat(port);
  try {
    const { code, output } = await startWith({ [setting]: String(port) });
    expect(code).toBe(2);
    expect(output).toMatch(new RegExp(`${setting}: .*127\\.0\\.0\\.1:${port} is already in use`));
  } finally {
    squatter.close();
  }
});

it('a Temporal that does not answer: exit 2 naming the address and TEMPORAL_ADDRESS', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  const { code, output } = await startWith({ TEMPORAL_ADDRESS: address }, ['worker']);
  expect(code).toBe(2);
  expect(output).toContain(`cannot connect to Temporal at ${address} (TEMPORAL_ADDRESS)`);
});
