import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACT_PATHS } from '../../src/logger';
import type { ShipStationSimulator } from '../../sandbox/shipstation';
import { KEY, SECRET, admin, caught, clientFor, order, startSim } from './helpers';

let sim: ShipStationSimulator;
const logLines: string[] = [];
const logger = pino(
  { level: 'debug', redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);
const errors: Error[] = [];
const failure = async (p: Promise<unknown>) => {
  const err = await caught(p);
  errors.push(err);
  return err;
};

beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('errors land in the right retry class', () => {
  it('400: non-retryable, quoting ModelState', async () => {
    const client = clientFor(sim.url, {}, { logger });
    const created = await client.createOrder(order('9001', { orderStatus: 'cancelled' }));
    const err = await failure(client.createOrder(order('9001')));
    expect(err).toMatchObject({ kind: 'ShipStationValidationFailed', retryable: false });
    expect(err.message).toBe(`ShipStation refused POST /orders/createorder: "Order 9001 is cancelled and can no longer be updated."`);
    expect(created.orderStatus).toBe('cancelled');
  });

  it('401: non-retryable "ShipStation rejected the API key"', async () => {
    const err = await failure(clientFor(sim.url, { apiSecret: 'wrong-S3CR3T-2' }, { logger }).listStores());
    expect(err).toMatchObject({ kind: 'ShipStationAuthenticationFailed', retryable: false });
    expect(err.message).toMatch(/^ShipStation rejected the API key/);
    expect(err.message).not.toContain('wrong-S3CR3T-2');
  });

  it('404: non-retryable', async () => {
    expect(await failure(clientFor(sim.url, {}, { logger }).getOrder(42))).toMatchObject({ kind: 'ShipStationNotFound', retryable: false });
  });

  it('5xx: retryable, with the exception message', async () => {
    await admin(sim.url, 'POST', '/_sim/faults', { mode: 'http500', route: '/stores', count: 1 });
    const err = await failure(clientFor(sim.url, {}, { logger }).listStores());
    expect(err).toMatchObject({ kind: 'ShipStationServerError', retryable: true });
    expect(err.message).toContain('Simulated failure.');
  });

  it('timeout: retryable', async () => {
    await admin(sim.url, 'POST', '/_sim/faults', { mode: 'delay', delay_ms: 500, count: 1 });
    const err = await failure(clientFor(sim.url, { timeoutMs: 100 }, { logger }).listStores());
    expect(err).toMatchObject({ kind: 'ShipStationTimeout', retryable: true });
  });

  it('connection refused: retryable', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await failure(clientFor(`http://127.0.0.1:${port}`, {}, { logger }).listStores());
    expect(err).toMatchObject({ kind: 'ShipStationUnreachable', retryable: true });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('a 200 with an unexpected shape: non-retryable bad response', async () => {
    const fakeFetch = (async () => new Response('{"orders":"nope"}', { status: 200 })) as typeof fetch;
    const err = await failure(clientFor(sim.url, {}, { logger, fetch: fakeFetch }).findOrderByNumber('1'));
    expect(err).toMatchObject({ kind: 'ShipStationBadResponse', retryable: false });
  });

  it('never puts the key, the secret or the Authorization header in errors or logs', () => {
    expect(errors.length).toBeGreaterThanOrEqual(7);
    const basic = Buffer.from(`${KEY}:${SECRET}`).toString('base64');
    const everything = [
      ...errors.map((e) => `${e.message}\n${e.stack}\n${JSON.stringify(e)}\n${String((e as { cause?: unknown }).cause)}`),
      ...logLines,
    ].join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of [KEY, SECRET, basic, 'wrong-S3CR3T-2']) expect(everything).not.toContain(secret);
    expect(everything.toLowerCase()).not.toContain('authorization: basic');
  });
});
