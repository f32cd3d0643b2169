import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR, readHistory } from '../support/histories';
import { testDataConverter } from '../support/codec';
import { bundleOnce } from '../support/temporal';

/**
 * Histories recorded from the end-to-end runs (UCSHIP_RECORD_HISTORIES=1 npx jest test/workflows/order-flow)
 * replayed against the current workflow code: a change that would break running workflows fails here. The
 * recordings of earlier versions stay, in a folder each (runs that began under them must still replay).
 */
const files = fs
  .readdirSync(HISTORIES_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bin'))
  .sort();
// Secrets in history are checked on the histories the current code produces (order-flow.test.ts), not on these.

it('has the recorded histories of every end-to-end scenario', () => {
  expect(files.filter((f) => !f.includes(path.sep)).length).toBeGreaterThanOrEqual(7);
  for (const version of ['before-local-import', 'with-import-patch', 'before-import-and-map']) expect(files.filter((f) => f.startsWith(`${version}${path.sep}`)).length).toBeGreaterThanOrEqual(7);
});

it.each(files)('replays %s deterministically', async (file) => {
  const history = readHistory(file);
  const workflowBundle = await bundleOnce(path.resolve(__dirname, '../../src/workflows/index.ts'));
  await Worker.runReplayHistory({ workflowBundle, dataConverter: testDataConverter() }, history, file);
});

