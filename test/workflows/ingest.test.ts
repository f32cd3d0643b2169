import path from 'node:path';
import { Worker } from '@temporalio/worker';
import type { DrainReport } from '../../src/activities/ingest';
import type { IngestRunReport } from '../../src/workflows/ingest';
import { testDataConverter } from '../support/codec';
import { bundleOnce, connectDevServer, type DevServerHandles } from '../support/temporal';

/**
 * The ingest workflow's branches with a stubbed drain: it calls the drain again while the queue may hold more,
 * adds the figures up, and stops at the run's batch limit so its history stays short.
 */

let temporal: DevServerHandles;
let queues = 0;
beforeAll(async () => {
  temporal = await connectDevServer();
});
afterAll(async () => temporal?.close());

const drained = (batches: number, more: boolean): DrainReport => ({ batches, seen: batches * 100, started: batches * 100, requeued: 0, inProgress: 0, more, readAndStartMs: batches, ackWaitMs: 2 * batches });

async function runIngest(answers: DrainReport[]): Promise<{ report: IngestRunReport; asked: number[] }> {
  const taskQueue = `ingest-wf-${process.pid}-${++queues}`;
  const asked: number[] = [];
  const worker = await Worker.create({
    connection: temporal.nativeConnection,
    taskQueue,
    workflowBundle: await bundleOnce(path.resolve(__dirname, '../../src/workflows/index.ts')),
    dataConverter: testDataConverter(),
    activities: {
      drainQueue: async (maxBatches: number) => {
        asked.push(maxBatches);
        const answer = answers.shift();
        if (!answer) throw new Error('drain asked once too often');
        return answer;
      },
    },
  });
  const report = await worker.runUntil(temporal.client.workflow.execute('ingestWorkflow', { taskQueue, workflowId: `${taskQueue}-run` }));
  return { report: report as IngestRunReport, asked };
}

it('a drain that found the queue empty or standing still ends the run', async () => {
  const { report, asked } = await runIngest([drained(1, false)]);
  expect(asked).toEqual([100]);
  expect(report).toEqual({ batches: 1, seen: 100, started: 100, requeued: 0, inProgress: 0, readAndStartMs: 1, ackWaitMs: 2 });
});

it('a drain that handed back with more to read is called again, up to the run limit of batches', async () => {
  const { report, asked } = await runIngest([drained(30, true), drained(50, true), drained(20, true)]);
  expect(asked).toEqual([100, 70, 20]);
  expect(report).toMatchObject({ batches: 100, seen: 10_000, started: 10_000, ackWaitMs: 200 });
});
