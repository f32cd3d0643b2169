import { AcknowledgedLedger } from '../../src/ultracart/acknowledged-ledger';

const settled = async (p: Promise<void>) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20))]);

it('resolves once every id was acknowledged since the batch was read, in one call or several', async () => {
  const ledger = new AcknowledgedLedger();
  const wait = ledger.whenAll(['A', 'B', 'C'], 1_000);
  ledger.record(['A'], 1_100);
  expect(await settled(wait.done)).toBe(false);
  ledger.record(['B', 'C'], 1_200);
  expect(await settled(wait.done)).toBe(true);
});

it('counts acknowledgements made between the read and the wait, not those before the read', async () => {
  const ledger = new AcknowledgedLedger();
  ledger.record(['OLD'], 500);
  ledger.record(['NEW'], 1_050);
  const wait = ledger.whenAll(['OLD', 'NEW'], 1_000);
  expect(await settled(wait.done)).toBe(false);
  ledger.record(['OLD'], 900); // a late answer from before the read says nothing of this batch
  expect(await settled(wait.done)).toBe(false);
  ledger.record(['OLD'], 1_300);
  expect(await settled(wait.done)).toBe(true);
});

it('a cancelled wait is dropped; the ledger keeps only the latest acknowledgements', async () => {
  const ledger = new AcknowledgedLedger(2);
  const wait = ledger.whenAll(['A'], 0);
  wait.cancel();
  ledger.record(['A'], 10);
  expect(await settled(wait.done)).toBe(false);
  ledger.record(['B', 'C'], 20);
  // A fell out of the ledger: a wait begun now does not know it was acknowledged.
  expect(await settled(ledger.whenAll(['A'], 0).done)).toBe(false);
  expect(await settled(ledger.whenAll(['B', 'C'], 0).done)).toBe(true);
});
