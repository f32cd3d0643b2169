import { UltraCartGate, type Attempt, type GateLane } from '../../src/ultracart/gate';

/** The gate on a fake clock: sleeping advances it, so waits are exact and instant. */
function fakeClock() {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    advance: (ms: number) => (now += ms),
  };
}

const ok = <T>(value: T): Attempt<T> => ({ rateLimited: false, value });

describe('UltraCartGate', () => {
  /** Calls through one gate that note the order they ran in and the most that ever ran at once. */
  function observedCalls() {
    const gate = new UltraCartGate({ perHour: 0 });
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const call = (name: string, lane?: GateLane) =>
      gate.run(
        name,
        async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 2));
          order.push(name);
          running -= 1;
          return ok(name);
        },
        lane,
      );
    return { call, order, most: () => most };
  }

  it('runs one call at a time, in arrival order', async () => {
    const { call, order, most } = observedCalls();
    const names = Array.from({ length: 20 }, (_, i) => `op ${i}`);
    await Promise.all(names.map((name) => call(name)));
    expect(most()).toBe(1);
    expect(order).toEqual(names);
  });

  it('serves the import lane before the write-back lane, each in arrival order, one call at a time', async () => {
    const { call, order, most } = observedCalls();
    // A write-back wave is under way when a batch's acknowledgement and the next queue read arrive.
    const calls = [call('ship 1', 'write_back'), call('ship 2', 'write_back'), call('ship 3', 'write_back'), call('acknowledge', 'import'), call('getOrders', 'import')];
    await Promise.all(calls);
    expect(most()).toBe(1);
    expect(order).toEqual(['ship 1', 'acknowledge', 'getOrders', 'ship 2', 'ship 3']);
  });

  it('spends the hourly bucket, then waits for it to leak one request', async () => {
    const clock = fakeClock();
    const gate = new UltraCartGate({ perHour: 3, maxWaitMs: 3_600_000, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 3; i += 1) await gate.run('op', async () => ok(i));
    expect(clock.slept).toEqual([]);
    await gate.run('op', async () => ok(3));
    // 3 an hour leak one every 20 minutes.
    expect(clock.slept).toEqual([1_200_000]);
    expect(gate.snapshot()).toMatchObject({ requests: 4, hourUsed: 1, waitedMs: 1_200_000 });
  });

  it('keeps to the daily bucket too', async () => {
    const clock = fakeClock();
    const gate = new UltraCartGate({ perHour: 1000, perDay: 2, maxWaitMs: 86_400_000, now: clock.now, sleep: clock.sleep });
    await gate.run('op', async () => ok(1));
    await gate.run('op', async () => ok(2));
    await gate.run('op', async () => ok(3));
    expect(clock.slept).toEqual([43_200_000]);
  });

  it('fails retryable, with the wait as retry delay, rather than wait past maxWaitMs', async () => {
    const clock = fakeClock();
    const gate = new UltraCartGate({ perHour: 1, maxWaitMs: 60_000, now: clock.now, sleep: clock.sleep });
    await gate.run('op', async () => ok(1));
    const err = await gate.run('ship', async () => ok(2)).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'UltraCartRateLimited', retryable: true });
    expect(Math.round((err as { retryAfterMs: number }).retryAfterMs / 1000)).toBe(3600);
    expect(clock.slept).toEqual([]);
  });

  it('after a 429 pauses every caller, doubling while they keep coming, honouring Retry-After', async () => {
    const clock = fakeClock();
    const gate = new UltraCartGate({ perHour: 1000, firstPauseMs: 1000, now: clock.now, sleep: clock.sleep });
    const answers: Attempt<string>[] = [
      { rateLimited: true, message: 'a' },
      { rateLimited: true, message: 'b' },
      { rateLimited: true, retryAfterMs: 7000, message: 'c' },
      ok('through'),
    ];
    expect(await gate.run('op', async () => answers.shift()!)).toBe('through');
    expect(clock.slept).toEqual([1000, 2000, 7000]);
    expect(gate.snapshot()).toMatchObject({ requests: 4, rateLimited: 3 });
  });

  it('a call that keeps getting 429s fails retryable once its wait would pass maxWaitMs', async () => {
    const clock = fakeClock();
    const gate = new UltraCartGate({ perHour: 1000, firstPauseMs: 20_000, maxWaitMs: 60_000, now: clock.now, sleep: clock.sleep });
    const err = await gate.run('op', async () => ({ rateLimited: true, message: 'rate of 1000 per 3600 second(s) exceeded.' }) as Attempt<never>).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'UltraCartRateLimited', retryable: true, retryAfterMs: 60_000 });
    expect((err as Error).message).toMatch(/rate of 1000 per 3600/);
    expect(clock.slept).toEqual([20_000, 40_000]);
  });

  it('a failing call frees the gate for the next', async () => {
    const gate = new UltraCartGate({ perHour: 0 });
    await expect(gate.run('op', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run('op', async () => ok('next'))).resolves.toBe('next');
    expect(gate.snapshot().waitingCalls).toBe(0);
  });

  it('a call whose activity attempt ended while it waited leaves the line unsent; a shared call (a batch) stays', async () => {
    let attempt = new AbortController();
    const gate = new UltraCartGate({ perHour: 0, cancellation: () => attempt.signal });
    const sent: string[] = [];
    let openGate!: () => void;
    const first = gate.run('first', async () => {
      await new Promise<void>((r) => (openGate = r));
      sent.push('first');
      return ok('first');
    }, 'import', true);
    const call = (name: string, lane: GateLane, shared = false) => gate.run(name, async () => (sent.push(name), ok(name)), lane, shared);
    const timedOut = call('write-back of a timed-out attempt', 'write_back');
    const batch = call('acknowledge batch', 'write_back', true);
    const ended = attempt;
    attempt = new AbortController();
    const later = call('write-back of the retry', 'write_back');
    ended.abort();
    await expect(timedOut).rejects.toMatchObject({ kind: 'UltraCartCallAbandoned', retryable: true });
    openGate();
    await Promise.all([first, batch, later]);
    expect(sent).toEqual(['first', 'acknowledge batch', 'write-back of the retry']);
    // An attempt already over sends nothing at all, and the gate stays free for the next.
    await expect(gate.run('late', async () => (sent.push('late'), ok('late')))).resolves.toBe('late');
    attempt.abort();
    await expect(gate.run('dead', async () => (sent.push('dead'), ok('dead')))).rejects.toMatchObject({ kind: 'UltraCartCallAbandoned' });
    expect(sent).toEqual(['first', 'acknowledge batch', 'write-back of the retry', 'late']);
    expect(gate.snapshot().waitingCalls).toBe(0);
  });
});
