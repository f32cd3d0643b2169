import { Writable } from 'node:stream';
import pino from 'pino';
import type { ShipStationSimulator } from '../../sandbox/shipstation';
import { warnIfNativeUltraCartStore } from '../../src/shipstation/store-guard';
import { admin, clientFor, startSim } from './helpers';

let sim: ShipStationSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

function capture() {
  const warnings: Array<{ msg: string; storeId: number }> = [];
  const logger = pino(new Writable({ write: (chunk: Buffer, _e, done) => (warnings.push(JSON.parse(chunk.toString())), done()) }));
  return { logger, warnings };
}

it('warns loudly about an active native UltraCart store, and only about that', async () => {
  const client = clientFor(sim.url);
  const quiet = capture();
  expect(await warnIfNativeUltraCartStore(client, quiet.logger)).toEqual([]);
  expect(quiet.warnings).toEqual([]);

  const native = (await admin<{ storeId: number }>(sim.url, 'POST', '/_sim/stores', { storeName: 'My UltraCart', marketplaceName: 'UltraCart', marketplaceId: 19 })).body;
  await admin(sim.url, 'POST', '/_sim/stores', { storeName: 'Old UltraCart', marketplaceName: 'UltraCart', active: false });
  const loud = capture();
  const found = await warnIfNativeUltraCartStore(client, loud.logger);
  expect(found.map((s) => s.storeId)).toEqual([native.storeId]);
  expect(loud.warnings).toHaveLength(1);
  expect(loud.warnings[0].msg).toMatch(/every order would arrive twice/);
});
