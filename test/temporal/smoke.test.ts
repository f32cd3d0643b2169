import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { testDataConverter } from '../support/codec';
import { bundleOnce, connectDevServer, createTimeSkippingEnv } from '../support/temporal';

const workflowsPath = path.resolve(__dirname, '../fixtures/smoke-workflows.ts');

describe('Temporal foundation', () => {
  it('runs a workflow with an activity on the real dev server', async () => {
    const temporal = await connectDevServer();
    const taskQueue = `smoke-${Date.now()}`;
    try {
      const worker = await Worker.create({
        connection: temporal.nativeConnection,
        taskQueue,
        workflowBundle: await bundleOnce(workflowsPath),
        dataConverter: testDataConverter(),
        activities: { greet: async (name: string) => `hello ${name}` },
      });
      const result = await worker.runUntil(
        temporal.client.workflow.execute('greetWorkflow', { taskQueue, workflowId: taskQueue, args: ['ucship'] }),
      );
      expect(result).toBe('hello ucship');
    } finally {
      await temporal.close();
    }
  });

  it('completes a 7-day sleep on the time-skipping server in seconds of wall time', async () => {
    const env = await createTimeSkippingEnv();
    try {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue: 'smoke-sleep',
        workflowBundle: await bundleOnce(workflowsPath),
        dataConverter: testDataConverter(),
      });
      const started = Date.now();
      const result = await worker.runUntil(
        env.client.workflow.execute('sleepSevenDays', { taskQueue: 'smoke-sleep', workflowId: 'sleep-7d' }),
      );
      expect(result).toBe('woke up');
      // Seven days of workflow time passed; the wall clock saw far less (generous bound for a busy 2-core box).
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      await env.teardown();
    }
  });
});
