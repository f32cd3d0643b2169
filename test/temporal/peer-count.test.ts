import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { pollerIdentities, watchPeerCount } from '../../src/temporal/peer-count';
import { shipStationTaskQueue } from '../../src/workflows/retry-policies';
import { waitFor } from '../../stack-kit';
import { connectDevServer, devServerAddress, type DevServerHandles } from '../support/temporal';

/**
 * Workers polling `taskQueue` for activities, each under its own identity and on its own connection (as
 * separate processes would be: the SDK allows one worker per queue on a connection), until the returned stop.
 */
async function pollWith(taskQueue: string, identities: string[]) {
  const started: Array<{ connection: NativeConnection; worker?: Worker; running?: Promise<void> }> = [];
  const stop = async () => {
    for (const s of started) if (s.worker?.getState() === 'RUNNING') s.worker.shutdown();
    await Promise.all(started.map((s) => s.running));
    await Promise.all(started.map((s) => s.connection.close()));
  };
  try {
    for (const identity of identities) {
      const entry: (typeof started)[number] = { connection: await NativeConnection.connect({ address: devServerAddress() }) };
      started.push(entry);
      entry.worker = await Worker.create({ connection: entry.connection, taskQueue, identity, activities: { noop: async () => undefined } });
      entry.running = entry.worker.run();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return stop;
}

/** A queue of this test's own: the server remembers a poller for minutes after it stopped. */
const freshQueue = () => shipStationTaskQueue(`peers-${crypto.randomBytes(4).toString('hex')}`);

function capturingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), warnings: () => lines.filter((l) => l.level === 40) };
}

describe('peer count on the ShipStation queue (real dev server)', () => {
  let temporal: DevServerHandles;
  beforeAll(async () => {
    temporal = await connectDevServer();
  });
  afterAll(async () => {
    await temporal.close();
  });

  it('sees two worker processes when two poll the queue, one when one does', async () => {
    const shared = freshQueue();
    const alone = freshQueue();
    const stopShared = await pollWith(shared, ['worker-a', 'worker-b']);
    const stopAlone = await pollWith(alone, ['worker-c']);
    const namespace = 'default';
    try {
      let seen: string[] = [];
      await waitFor(
        'both pollers seen',
        async () => {
          seen = [...(await pollerIdentities({ client: temporal.client, namespace, taskQueue: shared }, 5_000))].sort();
          return { done: seen.length === 2, progress: `pollers: ${seen.join(', ')}` };
        },
        { timeoutMs: 20_000 },
      );
      expect(seen).toEqual(['worker-a', 'worker-b']);

      const sharedCount = watchPeerCount({ client: temporal.client, namespace, taskQueue: shared, self: 'worker-a', everyMs: 200 });
      const aloneCount = watchPeerCount({ client: temporal.client, namespace, taskQueue: alone, self: 'worker-c', everyMs: 200 });
      await Promise.all([sharedCount.start(), aloneCount.start()]);
      try {
        await waitFor('the alone queue read', async () => (await pollerIdentities({ client: temporal.client, namespace, taskQueue: alone }, 5_000)).size === 1, { timeoutMs: 20_000 });
        await waitFor('the counts', () => ({ done: sharedCount.peers() === 2, progress: `shared ${sharedCount.peers()}` }), { timeoutMs: 5_000 });
        expect(sharedCount.peers()).toBe(2);
        expect(aloneCount.peers()).toBe(1); // this process's own identity counts once
      } finally {
        sharedCount.stop();
        aloneCount.stop();
      }
    } finally {
      await stopShared();
      await stopAlone();
    }
  });

  it('counts this process before the server has seen it poll, and at least one on an idle queue', async () => {
    const taskQueue = freshQueue();
    const idle = watchPeerCount({ client: temporal.client, namespace: 'default', taskQueue });
    await idle.start();
    idle.stop();
    expect(idle.peers()).toBe(1);

    const stop = await pollWith(taskQueue, ['worker-other']);
    try {
      await waitFor('the other poller seen', async () => (await pollerIdentities({ client: temporal.client, namespace: 'default', taskQueue }, 5_000)).size === 1, { timeoutMs: 20_000 });
      const joining = watchPeerCount({ client: temporal.client, namespace: 'default', taskQueue, self: 'worker-joining' });
      await joining.start();
      joining.stop();
      expect(joining.peers()).toBe(2);
    } finally {
      await stop();
    }
  });

  it('keeps the last count when the server cannot be read, and says so once', async () => {
    const taskQueue = freshQueue();
    const stop = await pollWith(taskQueue, ['worker-a', 'worker-b']);
    const connection = await Connection.connect({ address: devServerAddress() });
    const client = new Client({ connection });
    const { logger, warnings } = capturingLogger();
    const count = watchPeerCount({ client, namespace: 'default', taskQueue, everyMs: 100, logger });
    try {
      await count.start();
      await waitFor('both pollers counted', () => count.peers() === 2, { timeoutMs: 20_000 });
      await connection.close(); // every reading from now on fails
      await waitFor('the failure logged', () => warnings().length > 0, { timeoutMs: 5_000 });
      await new Promise((r) => setTimeout(r, 500)); // several more failed readings
      expect(count.peers()).toBe(2);
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0].msg).toContain('keeping the last count');
    } finally {
      count.stop();
      await stop();
    }
  });
});
