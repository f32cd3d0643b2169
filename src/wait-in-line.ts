/**
 * Waits in `line` (first come, first served) until its entry is called. When `signal` aborts first (the activity
 * attempt the wait was for timed out or was cancelled), the entry leaves the line, `afterLeave` runs, and the
 * promise rejects with `reason()`. Both API gates queue their callers this way.
 */
export function waitInLine(line: Array<() => void>, signal: AbortSignal | undefined, reason: () => unknown, afterLeave?: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(reason());
    const served = () => {
      signal?.removeEventListener('abort', leave);
      resolve();
    };
    const leave = () => {
      const i = line.indexOf(served);
      if (i === -1) return;
      line.splice(i, 1);
      reject(reason());
      afterLeave?.();
    };
    signal?.addEventListener('abort', leave, { once: true });
    line.push(served);
  });
}
