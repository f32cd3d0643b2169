import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { testDataConverter } from '../support/codec';
import { bundleOnce, connectDevServer } from '../support/temporal';

/**
 * An error can quote customer data: messages and stack traces of failures are encoded, so the codec encrypts them
 * in history (the activity's, converted in the worker, and the workflow's, converted in the workflow bundle).
 */
it('a failure quoting a customer is encrypted in history and readable through the codec', async () => {
  const temporal = await connectDevServer();
  const taskQueue = `codec-failures-${Date.now()}`;
  const customer = 'Ottoline Brackenbury-Vance';
  try {
    const worker = await Worker.create({
      connection: temporal.nativeConnection,
      taskQueue,
      workflowBundle: await bundleOnce(path.resolve(__dirname, '../fixtures/smoke-workflows.ts')),
      dataConverter: testDataConverter(),
      activities: {
        greet: async (name: string) => {
          throw ApplicationFailure.nonRetryable(`no ship-to address for ${name}`, 'NoShipTo');
        },
      },
    });
    const failure = await worker.runUntil(
      temporal.client.workflow.execute('greetWorkflow', { taskQueue, workflowId: taskQueue, args: [customer] }).then(
        () => undefined,
        (err: unknown) => err,
      ),
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(((failure as WorkflowFailedError).cause?.cause as Error | undefined)?.message).toBe(`no ship-to address for ${customer}`);

    const history = await temporal.client.workflow.getHandle(taskQueue).fetchHistory();
    const raw = Buffer.from(proto.api.history.v1.History.encode(proto.api.history.v1.History.fromObject(history)).finish()).toString('utf8');
    expect(raw).toContain('Encoded failure');
    expect(raw).not.toContain('Ottoline');
    expect(raw).not.toContain('no ship-to address');
  } finally {
    await temporal.close();
  }
});
