import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { loadConfig } from '../../src/config';
import { temporalCliPath } from '../../src/temporal/binaries';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server';
import { registerCommand } from '../../src/temporal/search-attribute-setup';
import { SEARCH_ATTRIBUTES } from '../../src/contract';
import { freePort } from '../../src/util/free-port';
import { waitFor } from '../../stack-kit';
import { runUcship, sandboxEnv } from '../support/ucship-process';

/**
 * ucship against a Temporal it did not start, as on a self-hosted cluster or the compose stack's auto-setup: the
 * server has none of ucship's search attributes, and ucship must register them itself, or stop at once and say how.
 */
const NAMES = SEARCH_ATTRIBUTES.map((key) => key.name);

async function customAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    return Object.keys(customAttributes ?? {});
  } finally {
    await connection.close();
  }
}

async function schedules(address: string): Promise<number> {
  const connection = await Connection.connect({ address });
  try {
    return (await connection.workflowService.listSchedules({ namespace: 'default' })).schedules?.length ?? 0;
  } finally {
    await connection.close();
  }
}

describe('a bare Temporal server (no --search-attribute)', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer({ port: await freePort(), searchAttributes: [], namespaces: ['ucship-command-check'] });
  }, 120_000);
  afterAll(() => server?.stop());

  it('the command ucship prints registers the attributes when run as printed', async () => {
    const cfg = loadConfig({ TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: 'ucship-command-check' }).temporal;
    const [cli, ...args] = registerCommand(cfg, server.address, NAMES).split(' ');
    expect(cli).toBe('temporal');
    await promisify(execFile)(temporalCliPath() as string, args);
    expect((await customAttributes(server.address, 'ucship-command-check')).sort()).toEqual([...NAMES].sort());
  });

  it('a namespace that does not exist: exit 2 naming TEMPORAL_NAMESPACE and how to create it', async () => {
    const sandbox = await sandboxEnv({ TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: 'no-such-namespace' });
    try {
      const run = runUcship(['start'], sandbox.env);
      expect(await run.exited).toBe(2);
      expect(run.output()).toContain(`the Temporal namespace "no-such-namespace" at ${server.address} (TEMPORAL_ADDRESS) does not exist (TEMPORAL_NAMESPACE)`);
      expect(run.output()).toContain(`temporal operator namespace create --address ${server.address} --namespace no-such-namespace`);
    } finally {
      sandbox.cleanup();
    }
  }, 60_000);

  it('`ucship start` with TEMPORAL_ADDRESS registers them, and a demo order reaches ShipStation and is written back', async () => {
    expect(await customAttributes(server.address, 'default')).toEqual([]);
    const sandbox = await sandboxEnv({ TEMPORAL_ADDRESS: server.address });
    const run = runUcship(['start'], sandbox.env);
    try {
      const uc = `http://127.0.0.1:${sandbox.env.SANDBOX_ULTRACART_PORT}`;
      const ss = `http://127.0.0.1:${sandbox.env.SANDBOX_SHIPSTATION_PORT}`;
      let written: { shipped: boolean; shipments: unknown[] } | undefined;
      await waitFor(
        'DEMO-1001 written back to UltraCart',
        async () => {
          const res = await fetch(`${uc}/_sim/orders/DEMO-1001`).catch(() => undefined);
          written = res?.ok ? ((await res.json()) as typeof written) : undefined;
          return { done: (written?.shipments.length ?? 0) > 0, progress: run.output().slice(-3000) };
        },
        { timeoutMs: 150_000 },
      );
      expect(written?.shipped).toBe(true);
      const auth = `Basic ${Buffer.from('sandbox-key:sandbox-secret').toString('base64')}`;
      const inShipStation = (await (await fetch(`${ss}/orders?orderNumber=DEMO-1001`, { headers: { authorization: auth } })).json()) as { orders: Array<{ orderKey: string }> };
      expect(inShipStation.orders.map((o) => o.orderKey)).toEqual(['ultracart:DEMO:DEMO-1001']);
      expect((await customAttributes(server.address, 'default')).sort()).toEqual([...NAMES].sort());
      expect(run.output()).toContain('registered the search attributes ucship needs');
      expect(run.output()).not.toContain('no mapping defined for search attribute');
      // A healthy start prints no SDK warning that reads like a failure (the ShipStation worker runs activities only).
      expect(run.output()).not.toContain('No workflows registered');
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
      sandbox.cleanup();
    }
  }, 240_000);
});

describe('a server that refuses to register them (every Keyword slot of the namespace taken)', () => {
  // SQL visibility (the dev server's SQLite, PostgreSQL, MySQL) has 10 Keyword columns per namespace: with all ten
  // taken, the operator service answers AddSearchAttributes with INVALID_ARGUMENT, as a server without permission would refuse.
  let server: DevServer;
  beforeAll(async () => {
    const fillers = Array.from({ length: 10 }, (_, i) => `Taken${i + 1}=Keyword`);
    server = await startDevServer({ port: await freePort(), searchAttributes: fillers });
  }, 120_000);
  afterAll(() => server?.stop());

  // It stops at the first refusal, with no retry: the time to exit is node's start-up plus three calls (measured
  // by hand, not asserted here: the machine's load decides it).
  it('`ucship start`: exit 2 with the command to run, nothing scheduled', async () => {
    const sandbox = await sandboxEnv({ TEMPORAL_ADDRESS: server.address });
    try {
      const run = runUcship(['start'], sandbox.env);
      expect(await run.exited).toBe(2);
      const out = run.output();
      expect(out).toContain(`lacks the search attributes ${NAMES.join(', ')}, and the server refused to register them`);
      expect(out).toContain(`temporal operator search-attribute create --address ${server.address} --namespace default ${NAMES.map((n) => `--name ${n} --type Keyword`).join(' ')}`);
      expect(await schedules(server.address)).toBe(0);
    } finally {
      sandbox.cleanup();
    }
  }, 60_000);
});

it('Temporal Cloud gets the tcld command', () => {
  const cfg = loadConfig({ TEMPORAL_ADDRESS: 'ucship.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ucship.a1b2c' }).temporal;
  expect(registerCommand(cfg, cfg.address as string, ['UltraCartOrderId', 'OrderStage'])).toMatch(
    /^tcld namespace search-attributes add --namespace ucship\.a1b2c --search-attribute "UltraCartOrderId=Keyword" --search-attribute "OrderStage=Keyword"/,
  );
});
