import { Connection } from '@temporalio/client';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server';
import { freePort } from '../../src/util/free-port';

let server: DevServer;
let connection: Connection;

beforeAll(async () => {
  server = await startDevServer({ port: await freePort(), readyTimeoutMs: 120_000 });
  connection = await Connection.connect({ address: server.address });
}, 150_000);

afterAll(async () => {
  await connection?.close();
  await server?.stop();
});

it('the embedded dev server runs one partition per task queue (the server default, four, only forwards tasks between them on one node)', async () => {
  const taskQueue = 'one-partition';
  // A workflow task makes the queue's partitions load.
  await connection.workflowService.startWorkflowExecution({
    namespace: 'default',
    workflowId: 'partitions-probe',
    workflowType: { name: 'probe' },
    taskQueue: { name: taskQueue },
    requestId: 'partitions-probe',
  });
  const { workflowTaskQueuePartitions } = await connection.workflowService.listTaskQueuePartitions({ namespace: 'default', taskQueue: { name: taskQueue } });
  expect(workflowTaskQueuePartitions?.map((p) => p.key)).toEqual([taskQueue]);
}, 60_000);
