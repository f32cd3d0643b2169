import { Coalescer, MissingResultError, type Outcome } from '../../src/batching/coalescer';

/** The coalescer alone, with a fake batch call: how batches are cut and how each caller gets its own outcome. */

interface Item {
  key: string;
  size?: number;
}

function setup(overrides: Partial<ConstructorParameters<typeof Coalescer<Item, string>>[0]> = {}, gate?: () => Promise<void>) {
  const calls: string[][] = [];
  const coalescer = new Coalescer<Item, string>({
    maxItems: 100,
    maxBytes: 1_000_000,
    lingerMs: 50,
    maxWaitMs: 1000,
    keyOf: (i) => i.key,
    async send(cut) {
      await gate?.();
      const items = cut();
      calls.push(items.map((i) => i.key));
      // Answered in reverse: matching is by key, never by position.
      return new Map<string, Outcome<string>>(items.reverse().map((i) => [i.key, { ok: true, value: `done ${i.key}` }]));
    },
    ...overrides,
  });
  return { coalescer, calls };
}

/** A test on jest's fake clock, back on the real one afterwards however it ends. */
const onFakeTimers = (run: () => Promise<void>) => async () => {
  jest.useFakeTimers();
  try {
    await run();
  } finally {
    jest.useRealTimers();
  }
};

const keys = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

it('joins concurrent items into one call and gives each its own result, matched by key', async () => {
  const { coalescer, calls } = setup();
  const results = await Promise.all(keys(5).map((key) => coalescer.submit({ key })));
  expect(results).toEqual(keys(5).map((k) => `done ${k}`));
  expect(calls).toEqual([keys(5)]);
});

it('101 items at once: a full call of 100 at once, then one for the last after the linger', onFakeTimers(async () => {
  const { coalescer, calls } = setup({ lingerMs: 1000 });
  const first100 = Promise.all(keys(100).map((key) => coalescer.submit({ key })));
  const last = coalescer.submit({ key: 'last' });
  await jest.advanceTimersByTimeAsync(0);
  await first100; // full: it went without waiting for the linger
  expect(calls.map((c) => c.length)).toEqual([100]);
  await jest.advanceTimersByTimeAsync(999);
  expect(calls.map((c) => c.length)).toEqual([100]);
  await jest.advanceTimersByTimeAsync(1);
  await last;
  expect(calls.map((c) => c.length)).toEqual([100, 1]);
}));

it('a trickle: the call waits while items keep joining (linger after the last), but never past the max wait', onFakeTimers(async () => {
  const { coalescer, calls } = setup({ lingerMs: 100, maxWaitMs: 1000 });
  const done: Array<Promise<string>> = [];
  // One item every 60 ms: never 100 ms quiet.
  for (let i = 0; i < 30; i += 1) {
    done.push(coalescer.submit({ key: `t${i}` }));
    await jest.advanceTimersByTimeAsync(60);
  }
  await jest.advanceTimersByTimeAsync(200);
  await Promise.all(done);
  // 0..960 ms: 17 items before the max wait cut at 1000 ms, the other 13 after a quiet 100 ms.
  expect(calls.map((c) => c.length)).toEqual([17, 13]);
}));

it('a cohort that has arrived whole goes at once; one still missing members waits for the linger', onFakeTimers(async () => {
  const { coalescer, calls } = setup({ lingerMs: 1000, maxWaitMs: 5000 });
  const whole = { id: 'batch A', size: 3 };
  const first = [coalescer.submit({ key: 'a0' }, whole), coalescer.submit({ key: 'a1' }, whole)];
  await jest.advanceTimersByTimeAsync(10);
  expect(calls).toEqual([]);
  // An item of no cohort rides along; the third member completes the cohort, so nobody else is awaited.
  const loner = coalescer.submit({ key: 'loner' });
  const last = coalescer.submit({ key: 'a2' }, whole);
  await jest.advanceTimersByTimeAsync(0);
  await Promise.all([...first, loner, last]);
  expect(calls).toEqual([['a0', 'a1', 'loner', 'a2']]);

  // Two of three came (the third order parked before reaching here): the linger after the last one cuts.
  const partial = { id: 'batch B', size: 3 };
  const some = [coalescer.submit({ key: 'b0' }, partial), coalescer.submit({ key: 'b1' }, partial)];
  await jest.advanceTimersByTimeAsync(999);
  expect(calls).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(1);
  await Promise.all(some);
  expect(calls[1]).toEqual(['b0', 'b1']);
}));

it('a cohort split by the max wait: its last members go at once when they come', onFakeTimers(async () => {
  const { coalescer, calls } = setup({ lingerMs: 1000, maxWaitMs: 2000 });
  const cohort = { id: 'slow batch', size: 4 };
  const done: Array<Promise<string>> = [];
  for (let i = 0; i < 3; i += 1) {
    done.push(coalescer.submit({ key: `s${i}` }, cohort));
    await jest.advanceTimersByTimeAsync(900);
  }
  // The max wait cut the first three at 2000 ms; the fourth completes the cohort on arrival.
  expect(calls).toEqual([['s0', 's1', 's2']]);
  done.push(coalescer.submit({ key: 's3' }, cohort));
  await jest.advanceTimersByTimeAsync(0);
  await Promise.all(done);
  expect(calls).toEqual([['s0', 's1', 's2'], ['s3']]);
}));

it('members coming again after their cohort went (their attempts retried) wait the linger together, not one call each', onFakeTimers(async () => {
  const { coalescer, calls } = setup({ lingerMs: 1000, maxWaitMs: 5000 });
  const cohort = { id: 'batch R', size: 3 };
  await Promise.all(['r0', 'r1', 'r2'].map((key) => coalescer.submit({ key }, cohort)));
  expect(calls).toEqual([['r0', 'r1', 'r2']]);
  // Their results were lost (the workflow tasks that waited for them timed out): the retries trickle in.
  const retries = [coalescer.submit({ key: 'r1' }, cohort)];
  await jest.advanceTimersByTimeAsync(300);
  retries.push(coalescer.submit({ key: 'r0' }, cohort));
  await jest.advanceTimersByTimeAsync(300);
  retries.push(coalescer.submit({ key: 'r2' }, cohort));
  expect(calls).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(1000);
  await Promise.all(retries);
  expect(calls).toEqual([['r0', 'r1', 'r2'], ['r1', 'r0', 'r2']]);
}));

it('cuts the batch when the gate lets the call go: items arriving while it is closed join the same call', async () => {
  let open: () => void = () => undefined;
  const gateOpen = new Promise<void>((resolve) => (open = resolve));
  const { coalescer, calls } = setup({ lingerMs: 10 }, () => gateOpen);
  const early = coalescer.submit({ key: 'early' });
  await new Promise((r) => setTimeout(r, 50)); // linger passed: the call waits at the closed gate
  const late = ['late1', 'late2'].map((key) => coalescer.submit({ key }));
  open();
  await Promise.all([early, ...late]);
  expect(calls).toEqual([['early', 'late1', 'late2']]);
});

it('the same key twice while waiting: one entry, the newer item goes, both callers get its result', async () => {
  const sent: Item[][] = [];
  const { coalescer } = setup({
    async send(cut) {
      const items = cut();
      sent.push(items);
      return new Map(items.map((i) => [i.key, { ok: true as const, value: `size ${i.size}` }]));
    },
  });
  const results = await Promise.all([coalescer.submit({ key: 'a', size: 1 }), coalescer.submit({ key: 'a', size: 2 })]);
  expect(results).toEqual(['size 2', 'size 2']);
  expect(sent).toEqual([[{ key: 'a', size: 2 }]]);
});

it('one refused item fails only its caller; a key the answer left out fails with a retryable error', async () => {
  const { coalescer } = setup({
    async send(cut) {
      const items = cut();
      const m = new Map<string, Outcome<string>>();
      for (const i of items) if (i.key !== 'missing') m.set(i.key, i.key === 'bad' ? { ok: false, error: new Error('refused: bad') } : { ok: true, value: 'ok' });
      return m;
    },
  });
  const [good, bad, missing] = await Promise.allSettled(['good', 'bad', 'missing'].map((key) => coalescer.submit({ key })));
  expect(good).toEqual({ status: 'fulfilled', value: 'ok' });
  expect(bad).toMatchObject({ status: 'rejected', reason: new Error('refused: bad') });
  expect(missing).toMatchObject({ status: 'rejected', reason: expect.any(MissingResultError) });
});

it('a whole-batch failure fails every caller (each retries as a whole); a refusal of the whole batch is sent item by item', async () => {
  const transient = setup({
    async send(cut) {
      cut();
      throw new Error('HTTP 500');
    },
  });
  const outcomes = await Promise.allSettled(keys(3).map((key) => transient.coalescer.submit({ key })));
  expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);

  const calls: string[][] = [];
  const refusing = setup({
    isolateOn: (err) => (err as Error).message === 'HTTP 400',
    async send(cut) {
      const items = cut();
      calls.push(items.map((i) => i.key));
      if (items.some((i) => i.key === 'poison')) throw new Error('HTTP 400');
      return new Map(items.map((i) => [i.key, { ok: true as const, value: 'ok' }]));
    },
  });
  const mixed = await Promise.allSettled(['a', 'poison', 'b'].map((key) => refusing.coalescer.submit({ key })));
  expect(mixed.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(calls[0]).toEqual(['a', 'poison', 'b']);
  expect(calls.slice(1).sort()).toEqual([['a'], ['b'], ['poison']]);
});

it('keeps a batch under maxBytes of JSON', async () => {
  const { coalescer, calls } = setup({ maxBytes: 100 });
  await Promise.all(keys(6).map((key) => coalescer.submit({ key, size: 1234567890 })));
  // {"key":"k0","size":1234567890} is 30 bytes: three fit in 100.
  expect(calls.map((c) => c.length)).toEqual([3, 3]);
});
