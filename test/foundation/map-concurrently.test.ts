import { mapConcurrently } from '../../src/util/map-concurrently';

const tick = () => new Promise((r) => setTimeout(r, 1));

it('keeps at most `limit` calls in flight and returns the results in the items\' order', async () => {
  let inFlight = 0;
  let most = 0;
  const out = await mapConcurrently([5, 1, 4, 2, 3, 6, 7], 3, async (n) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    for (let i = 0; i < n; i += 1) await tick();
    inFlight -= 1;
    return n * 10;
  });
  expect(out).toEqual([50, 10, 40, 20, 30, 60, 70]);
  expect(most).toBe(3);
});

it('rejects with the first failure once the calls under way have settled, and starts no new ones', async () => {
  const started: number[] = [];
  let settled = 0;
  const run = mapConcurrently([1, 2, 3, 4, 5, 6], 2, async (n) => {
    started.push(n);
    await tick();
    settled += 1;
    if (n === 2) throw new Error('two failed');
    return n;
  });
  await expect(run).rejects.toThrow('two failed');
  expect(settled).toBe(started.length);
  expect(started.length).toBeLessThan(6);
});

it('an empty list calls nothing', async () => {
  const fn = jest.fn();
  expect(await mapConcurrently([], 4, fn)).toEqual([]);
  expect(fn).not.toHaveBeenCalled();
});
