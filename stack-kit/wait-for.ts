/** What a check may answer: done or not, with a word on how far it got for the log and the timeout message. */
export type WaitAnswer = boolean | { done: boolean; progress: string };

export interface WaitOptions {
  timeoutMs: number;
  /** Pause between checks. */
  everyMs?: number;
  /** Progress lines, at most one per `logEveryMs`. */
  log?: (line: string) => void;
  logEveryMs?: number;
}

/** Polls `check` until it answers done; throws `<what>: not done after N s (<progress>)` at the deadline. */
export async function waitFor(what: string, check: () => WaitAnswer | Promise<WaitAnswer>, opts: WaitOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastLog = Date.now();
  for (;;) {
    const answer = await check();
    const { done, progress } = typeof answer === 'boolean' ? { done: answer, progress: '' } : answer;
    if (done) return;
    if (Date.now() > deadline) throw new Error(`${what}: not done after ${Math.round(opts.timeoutMs / 1000)} s${progress ? ` (${progress})` : ''}`);
    if (opts.log && progress && Date.now() - lastLog > (opts.logEveryMs ?? 15_000)) {
      opts.log(`  ${what}: ${progress}`);
      lastLog = Date.now();
    }
    await sleep(opts.everyMs ?? 200);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
