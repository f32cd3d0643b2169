import { Context } from '@temporalio/activity';
import { toFailure } from './failures';

/** How often a running activity tells Temporal it is alive; well inside ACTIVITY_HEARTBEAT_TIMEOUT. */
export const HEARTBEAT_EVERY_MS = 2_000;

type Activities = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * What every activity gets from the worker, in one wrapper:
 * - a heartbeat while it runs, so the server notices a worker that died (SIGKILL, OOM, a lost machine) within
 *   the heartbeat timeout and retries elsewhere, instead of waiting out the whole start-to-close timeout
 *   (local activities run inside the workflow task and are skipped);
 * - its errors turned into the ApplicationFailures the retry policies act on (toFailure).
 */
export function asWorkerActivities<T extends Activities>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      const ctx = currentContext();
      const timer = ctx && !ctx.info.isLocal ? beat(ctx) : undefined;
      try {
        return await fn(...args);
      } catch (err) {
        throw toFailure(err);
      } finally {
        clearInterval(timer);
      }
    };
  }
  return wrapped as T;
}

/**
 * The running activity attempt's abort signal, when called inside one: it aborts when the server has given the
 * attempt up (a timeout, a cancel) or the worker shuts down.
 */
export function activityCancellation(): AbortSignal | undefined {
  return currentContext()?.cancellationSignal;
}

function currentContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined; // called outside an activity (a unit test): nothing to heartbeat to
  }
}

function beat(ctx: Context): NodeJS.Timeout {
  ctx.heartbeat();
  return setInterval(() => ctx.heartbeat(), HEARTBEAT_EVERY_MS);
}
