import { RateLimitGate } from '../../src/shipstation/rate-limit';

/** Acquires `n` permits and reports how many have been granted so far. */
function contenders(gate: RateLimitGate, n: number) {
  let granted = 0;
  for (let i = 0; i < n; i += 1) void gate.acquire().then(() => (granted += 1));
  return () => granted;
}
const flush = () => new Promise((r) => jest.requireActual<typeof import('timers')>('timers').setImmediate(r));

beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
afterEach(() => jest.useRealTimers());

describe('RateLimitGate', () => {
  it('probes with one request while the budget is unknown, then spends what the server reports', async () => {
    const gate = new RateLimitGate(40, 2);
    const granted = contenders(gate, 10);
    await flush();
    expect(granted()).toBe(1);
    gate.release({ limit: 40, remaining: 5, resetSeconds: 30 }); // other programs already used most of it
    await flush();
    expect(granted()).toBe(1 + 3); // keeps a reserve of 2
    for (const remaining of [4, 3, 2]) gate.release({ limit: 40, remaining, resetSeconds: 30 });
    jest.advanceTimersByTime(30_000); // the window resets: probe again
    await flush();
    expect(granted()).toBe(5);
  });

  it('tells how many requests are spare: none while callers queue, unknown before an answer', async () => {
    const gate = new RateLimitGate(40, 2);
    expect(gate.spare()).toBeUndefined();
    const granted = contenders(gate, 3);
    await flush();
    expect(gate.spare()).toBe(0); // two wait behind the probe
    gate.release({ limit: 40, remaining: 30, resetSeconds: 30 });
    await flush();
    expect(granted()).toBe(3);
    expect(gate.spare()).toBe(30 - 2 - 2); // two more in flight, a reserve of two
    jest.advanceTimersByTime(30_000);
    expect(gate.spare()).toBeUndefined(); // a new window nobody has asked about
  });

  it('a caller whose signal aborts leaves the queue with its reason, and its turn goes to the next', async () => {
    const gate = new RateLimitGate(40, 0);
    await gate.acquire(); // the probe, in flight
    const gone = new AbortController();
    const order: string[] = [];
    const dead = gate.acquire(gone.signal).then(() => order.push('dead'), (err: Error) => order.push(`left: ${err.message}`));
    void gate.acquire().then(() => order.push('next'));
    gone.abort(new Error('attempt timed out'));
    await dead;
    gate.release({ limit: 40, remaining: 1, resetSeconds: 30 });
    await flush();
    expect(order).toEqual(['left: attempt timed out', 'next']);
    await expect(gate.acquire(AbortSignal.abort(new Error('already gone')))).rejects.toThrow('already gone');
    expect(gate.spare()).toBe(0); // the one request left went to `next`; nobody is charged for the dead one
  });

  it('spends the whole budget when no reserve is kept', async () => {
    const gate = new RateLimitGate(40, 0);
    const granted = contenders(gate, 10);
    await flush();
    gate.release({ limit: 40, remaining: 5, resetSeconds: 30 });
    await flush();
    expect(granted()).toBe(1 + 5);
  });

  it('keeps the earliest reset of a window when a slow response reports a later one', async () => {
    const gate = new RateLimitGate(3, 0);
    const granted = contenders(gate, 4);
    await flush();
    gate.release({ limit: 3, remaining: 2, resetSeconds: 60 }); // the probe: the window ends in 60 s
    await flush();
    expect(granted()).toBe(3);
    jest.advanceTimersByTime(2_000);
    // Answers computed early (rounded up to 60 s) but delivered 2 s late: they must not move the reset to 62 s.
    gate.release({ limit: 3, remaining: 0, resetSeconds: 60 });
    gate.release({ limit: 3, remaining: 1, resetSeconds: 60 });
    jest.advanceTimersByTime(58_000); // 60 s after the probe: the window has ended
    await flush();
    expect(granted()).toBe(4);
  });

  it('holds everyone after a 429 until the reset', async () => {
    const gate = new RateLimitGate(40, 2);
    const granted = contenders(gate, 3);
    await flush();
    gate.release({ limit: 40, remaining: 39, resetSeconds: 60 });
    await flush();
    expect(granted()).toBe(3);
    gate.release({ limit: 40, remaining: 38, resetSeconds: 60 });
    gate.release({ remaining: 0, resetSeconds: 10 }); // another program spent the rest
    const more = contenders(gate, 2);
    await flush();
    expect(more()).toBe(0);
    jest.advanceTimersByTime(10_000);
    await flush();
    expect(more()).toBe(1); // the probe of the new window
  });

  it('falls back to the configured limit when the server sends no headers', async () => {
    const gate = new RateLimitGate(5, 2);
    const granted = contenders(gate, 10);
    await flush();
    gate.release(undefined);
    await flush();
    expect(granted()).toBe(1 + 2); // 5 - 1 used - reserve 2
    gate.release(undefined);
    gate.release(undefined);
    jest.advanceTimersByTime(60_000);
    await flush();
    expect(granted()).toBe(4);
  });

  it('learns nothing from a request that got no response', async () => {
    const gate = new RateLimitGate(40, 2);
    const granted = contenders(gate, 2);
    await flush();
    gate.abandon();
    await flush();
    expect(granted()).toBe(2); // the next probe
  });
});

describe('RateLimitGate shared by several worker processes', () => {
  /** Answers `count` of the requests in flight as the server would, its count left going down from `from`. */
  function answer(gate: RateLimitGate, count: number, from: number) {
    for (let i = 0; i < count; i += 1) gate.release({ limit: 40, remaining: Math.max(0, from - i), resetSeconds: 60 });
  }

  /** A 40-a-minute gate with `waiting` callers, its probe answered: `remaining` left in a window of 60 s. */
  async function probed(reserve: number, peers: () => number, waiting: number, remaining = 39) {
    const gate = new RateLimitGate(40, reserve, Date.now, peers);
    const granted = contenders(gate, waiting);
    await flush();
    expect(granted()).toBe(1); // the probe, as with one process
    gate.release({ limit: 40, remaining, resetSeconds: 60 });
    await flush();
    return { gate, granted };
  }

  it('spends at most its share of a window, then queues until the reset', async () => {
    const { gate, granted } = await probed(2, () => 2, 60);
    expect(granted()).toBe(19); // (40 - 2) / 2, though the server would allow 36 more
    answer(gate, 18, 38);
    await flush();
    expect(granted()).toBe(19);
    expect(gate.spare()).toBe(0);
    jest.advanceTimersByTime(59_999);
    await flush();
    expect(granted()).toBe(19);
    jest.advanceTimersByTime(1); // the reset: the next window's probe
    await flush();
    expect(granted()).toBe(20);
  });

  it('still spends no more than the server says is left', async () => {
    const { granted } = await probed(2, () => 2, 30, 8); // the other process spent most of the window
    expect(granted()).toBe(1 + 6);
  });

  it('takes a new share each window as the number of processes changes', async () => {
    let peers = 2;
    const { gate, granted } = await probed(2, () => peers, 100);
    expect(granted()).toBe(19);
    answer(gate, 18, 38);
    peers = 1; // the other process stopped
    jest.advanceTimersByTime(60_000);
    await flush();
    expect(granted()).toBe(20);
    gate.release({ limit: 40, remaining: 39, resetSeconds: 60 });
    await flush();
    expect(granted()).toBe(20 + 37); // the whole budget above the reserve: 38 in the window
  });

  it('shrinks its share at once when processes join mid-window', async () => {
    let peers = 1;
    const { gate, granted: first } = await probed(2, () => peers, 10);
    expect(first()).toBe(10);
    peers = 3;
    const more = contenders(gate, 10);
    await flush();
    expect(more()).toBe(2); // floor(38 / 3) = 12 in this window
  });

  it('spends the whole budget above the reserve with one process', async () => {
    const { granted } = await probed(2, () => 1, 60);
    expect(granted()).toBe(38);
  });

  it('tells only its share as spare', async () => {
    const { gate, granted } = await probed(0, () => 2, 4);
    expect(granted()).toBe(4); // three in flight
    expect(gate.spare()).toBe(20 - 4); // the server would allow 36
  });

  it('counts requests still in flight at a reset against the next window', async () => {
    const { gate, granted } = await probed(0, () => 2, 60);
    expect(granted()).toBe(20);
    answer(gate, 14, 38); // five still in flight when the window ends
    jest.advanceTimersByTime(60_000);
    await flush();
    expect(granted()).toBe(20); // no probe while requests are out: their answers tell the new window
    gate.release({ limit: 40, remaining: 39, resetSeconds: 60 }); // one of the five, charged to the new window
    await flush();
    expect(granted()).toBe(20 + 15); // the five and fifteen more make the share of 20
  });

  it('does not hold a window shut for probes lost while the budget was unknown', async () => {
    const gate = new RateLimitGate(40, 0, Date.now, () => 2);
    const granted = contenders(gate, 60);
    await flush();
    for (let i = 0; i < 5; i += 1) {
      gate.abandon(); // a timeout: the next probe goes
      await flush();
    }
    expect(granted()).toBe(6);
    gate.release({ limit: 40, remaining: 39, resetSeconds: 60 });
    await flush();
    expect(granted()).toBe(6 + 19);
  });

  it('lets one request through a window even with more processes than requests', async () => {
    const gate = new RateLimitGate(3, 0, Date.now, () => 5);
    const granted = contenders(gate, 10);
    await flush();
    gate.release({ limit: 3, remaining: 2, resetSeconds: 60 });
    await flush();
    expect(granted()).toBe(1);
    jest.advanceTimersByTime(60_000);
    await flush();
    expect(granted()).toBe(2);
  });
});
