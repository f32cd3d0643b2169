import { Context } from '@temporalio/activity';

/** How often a running activity tells Temporal it is alive; well inside ACTIVITY_HEARTBEAT_TIMEOUT. */
export const HEARTBEAT_EVERY_MS = 2_000;

/**
 * Heartbeats every activity while it runs, so the server notices a worker that died (SIGKILL, OOM, a lost
 * machine) within the activities' heartbeat timeout and retries elsewhere, instead of waiting out the whole
 * start-to-close timeout. Local activities (mapping) run inside the workflow task and are skipped.
 */
export function withHeartbeats<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      let ctx: Context | undefined;
      try {
        ctx = Context.current();
      } catch {
        ctx = undefined; // called outside an activity (a unit test): nothing to heartbeat to
      }
      if (!ctx || ctx.info.isLocal) return fn(...args);
      const beat = () => ctx.heartbeat();
      beat();
      const timer = setInterval(beat, HEARTBEAT_EVERY_MS);
      try {
        return await fn(...args);
      } finally {
        clearInterval(timer);
      }
    };
  }
  return wrapped as T;
}
