import type { ShipStationSimulator } from '../../sandbox/shipstation';
import { waitFor } from '../../stack-kit';
import { admin, caught, clientFor, startSim } from './helpers';

const WINDOW_MS = 1500;
let sim: ShipStationSimulator;

beforeAll(async () => {
  // The real budget (40 per window) with a short window so the test takes seconds, not minutes.
  sim = await startSim({ rateLimitPerMinute: 40, rateLimitWindowMs: WINDOW_MS });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const stats = async () => (await admin<{ rateLimited: number; total: number }>(sim.url, 'GET', '/_sim/stats')).body;

describe('rate limiting', () => {
  it('sends the three X-Rate-Limit headers and a 429 past the budget', async () => {
    // The real 60 s window: 41 requests in a row must all fall in one window, which a loaded machine can stretch past 1.5 s.
    const real = await startSim({ rateLimitPerMinute: 40, rateLimitWindowMs: 60_000 });
    try {
      const auth = `Basic ${Buffer.from('test-key-K3Y:test-secret-S3CR3T').toString('base64')}`;
      const responses = [];
      for (let i = 0; i < 41; i += 1) responses.push(await fetch(`${real.url}/stores`, { headers: { authorization: auth } }));
      expect(responses[0].headers.get('X-Rate-Limit-Limit')).toBe('40');
      expect(responses[0].headers.get('X-Rate-Limit-Remaining')).toBe('39');
      expect(Number(responses[0].headers.get('X-Rate-Limit-Reset'))).toBeGreaterThan(0);
      expect(responses[40].status).toBe(429);
      expect(await responses[40].json()).toEqual({ message: 'Too Many Requests' });
      // Admin routes are never limited.
      expect((await admin(real.url, 'GET', '/_sim/stats')).status).toBe(200);
    } finally {
      await real.close();
    }
  });

  it('one client paces 45 concurrent calls by the headers and never collects a 429', async () => {
    const client = clientFor(sim.url, { rateLimitPerMinute: 40 });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 45 }, () => client.listStores()));
    expect(results).toHaveLength(45);
    expect((await stats()).rateLimited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WINDOW_MS - 200);
  });

  it('calls of an attempt that was given up leave the queue unsent; the others go on', async () => {
    let attempt: AbortSignal | undefined;
    const client = clientFor(sim.url, { rateLimitPerMinute: 40 }, { cancellation: () => attempt });
    const live = Array.from({ length: 5 }, () => client.listStores());
    const gone = new AbortController();
    attempt = gone.signal;
    const dead = Array.from({ length: 10 }, () => caught(client.listStores()));
    attempt = undefined;
    gone.abort(new Error('the attempt timed out'));
    expect((await Promise.all(dead)).map((e) => e.message)).toEqual(Array(10).fill('the attempt timed out'));
    expect(await Promise.all(live)).toHaveLength(5);
    expect((await stats()).total).toBe(5);
  });

  it('absorbs the 429s of a key shared by two programs when retry429 is on', async () => {
    // The server's window clock stands still until every call has been sent once: however slow the machine (a
    // burst that outlasted a 1.5 s window used to meet no 429 at all), both programs' first 45 requests fall in
    // one window of 40, so the key is over-spent for certain. Then time runs again and the resets come.
    let frozenAt: number | undefined = Date.now();
    const shared = await startSim({ rateLimitPerMinute: 40, rateLimitWindowMs: WINDOW_MS, rateLimitClock: () => frozenAt ?? Date.now() });
    try {
      const a = clientFor(shared.url, { rateLimitPerMinute: 40 }, { retry429: true });
      const b = clientFor(shared.url, { rateLimitPerMinute: 40 }, { retry429: true });
      const calls = Promise.allSettled(Array.from({ length: 45 }, (_, i) => (i % 2 ? a : b).listStores()));
      const sharedStats = async () => (await admin<{ rateLimited: number; total: number }>(shared.url, 'GET', '/_sim/stats')).body;
      await waitFor('every call sent once', async () => (await sharedStats()).total >= 45, { timeoutMs: 60_000, everyMs: 20 });
      frozenAt = undefined;
      const results = await calls;
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const { rateLimited, total } = await sharedStats();
      expect(rateLimited).toBeGreaterThanOrEqual(5);
      expect(total - rateLimited).toBe(45);
    } finally {
      await shared.close();
    }
  });

  it('waits out a burst of 429s inside one call when retry429 is on', async () => {
    const client = clientFor(sim.url, { rateLimitPerMinute: 40 }, { retry429: true });
    await client.listStores();
    await admin(sim.url, 'POST', '/_sim/faults', { mode: '429', route: 'GET /stores', count: 3 });
    await expect(client.listStores()).resolves.toBeDefined();
    expect((await stats()).rateLimited).toBe(3);
  });

  it('gives a 429 back to its caller rather than wait past a minute inside the call', async () => {
    let calls = 0;
    const slowReset: typeof fetch = async () => {
      calls += 1;
      const headers = { 'X-Rate-Limit-Limit': '40', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '61' };
      return new Response(JSON.stringify({ message: 'Too Many Requests' }), { status: 429, headers });
    };
    const client = clientFor(sim.url, { rateLimitPerMinute: 40 }, { retry429: true, fetch: slowReset });
    const err = await caught(client.listStores());
    expect(err).toMatchObject({ kind: 'ShipStationRateLimited', retryable: true, retryAfterMs: 61_000 });
    expect(calls).toBe(1);
  });

  it('by default throws a retryable ShipStationRateLimited with the reset as retryAfterMs', async () => {
    const client = clientFor(sim.url, { rateLimitPerMinute: 40 });
    await client.listStores();
    await admin(sim.url, 'POST', '/_sim/faults', { mode: '429', route: 'GET /stores', count: 1 });
    const err = await caught(client.listStores());
    expect(err).toMatchObject({ kind: 'ShipStationRateLimited', retryable: true });
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(2000);
    // The gate holds the next call until the reset instead of spending more budget.
    const before = Date.now();
    await client.listStores();
    expect(Date.now() - before).toBeGreaterThanOrEqual(300);
  });
});
