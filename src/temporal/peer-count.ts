import os from 'node:os';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Logger } from '../logger';

/**
 * The identity this process's workers poll with: the SDK's default, set explicitly on the worker so the peer
 * count can include this process before the server has seen it poll.
 */
export const processIdentity = (): string => `${process.pid}@${os.hostname()}`;

export interface PollerQuery {
  client: Client;
  namespace: string;
  /** An activity task queue. */
  taskQueue: string;
}

/**
 * The distinct identities polling the queue for activity tasks, as the server reports them. The server keeps
 * a poller for a few minutes after its last poll, so a process that stopped is still counted for a while.
 */
export async function pollerIdentities({ client, namespace, taskQueue }: PollerQuery, timeoutMs: number): Promise<Set<string>> {
  const { enums } = temporal.api;
  const response = await client.withDeadline(Date.now() + timeoutMs, () =>
    client.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue, kind: enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    }),
  );
  return new Set((response.pollers ?? []).map((p) => p.identity).filter((id): id is string => typeof id === 'string' && id !== ''));
}

export interface PeerCount {
  /** The processes polling the queue at the last reading, this one included; at least 1. */
  peers(): number;
  /** Reads the count once (resolves after the answer, or the failure), then again every interval until stop. */
  start(): Promise<void>;
  stop(): void;
}

export interface PeerCountOptions extends PollerQuery {
  /** This process's poller identity, counted even before its first poll reaches the server. */
  self?: string;
  everyMs?: number;
  logger?: Logger;
}

const DEFAULT_EVERY_MS = 12_000;

/**
 * How many worker processes share the queue, and so the API key behind it, kept fresh in the background. A
 * failed reading keeps the last count: the budget stays split as it was rather than guessed.
 */
export function watchPeerCount(opts: PeerCountOptions): PeerCount {
  const everyMs = opts.everyMs ?? DEFAULT_EVERY_MS;
  let count = 1;
  let failing = false;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;

  const refresh = async () => {
    try {
      const identities = await pollerIdentities(opts, everyMs);
      if (opts.self) identities.add(opts.self);
      const next = Math.max(1, identities.size);
      if (stopped) return;
      if (failing) opts.logger?.info({ taskQueue: opts.taskQueue }, 'the worker processes on the queue can be read again');
      if (next !== count) opts.logger?.info({ taskQueue: opts.taskQueue, processes: next }, 'worker processes sharing the key changed: each spends its share of a window');
      failing = false;
      count = next;
    } catch (err) {
      if (stopped || failing) return;
      failing = true;
      opts.logger?.warn({ taskQueue: opts.taskQueue, err: (err as Error).message, processes: count }, 'could not read the worker processes on the queue: keeping the last count');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void refresh().then(schedule), everyMs);
    timer.unref();
  };

  return {
    peers: () => count,
    async start() {
      if (!stopped) return;
      stopped = false;
      await refresh();
      schedule();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
