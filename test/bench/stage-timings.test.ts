import { orderPhases, PHASES } from '../../bench/stage-timings';
import { readHistory } from '../support/histories';

const startOf = (events: ReturnType<typeof readHistory>['events']) => {
  const t = events[0].eventTime;
  return Number(t?.seconds) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
};

it('a happy-path history gives every phase of the limit-off row, none negative', () => {
  const { events } = readHistory('happy-path-queued-in-ultracart-shipstation-acknowledged-labe.bin');
  const phases = orderPhases(events, startOf(events) - 1000);
  expect(Object.keys(phases ?? {})).toEqual([...PHASES]);
  expect(phases?.["queued → workflow started (its batch's turn)"]).toBe(1000);
  for (const value of Object.values(phases ?? {})) expect(value).toBeGreaterThanOrEqual(0);
});

it('an order that went another way (parked: no ship-to) is left out, not counted with gaps', () => {
  const { events } = readHistory('an-order-without-ship-to-parks-acknowledged-reason-names-the.bin');
  expect(orderPhases(events, startOf(events))).toBeUndefined();
});
