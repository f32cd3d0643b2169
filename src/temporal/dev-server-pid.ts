import fs from 'node:fs';
import { isAlive, waitForExit } from '../util/process-alive';

/**
 * The embedded dev server is a child process: when `ucship start` is SIGKILLed (OOM killer, `kill -9`) the server
 * keeps running, holding the port and the SQLite file, and the next start fails. Its pid and its owner's are kept
 * next to the database so the next start can stop it first, but never while its owner still runs.
 */
const pidFile = (dbFile: string) => `${dbFile}.pid`;

export function recordServerPid(dbFile: string, pid: number | undefined): void {
  if (pid !== undefined) fs.writeFileSync(pidFile(dbFile), `${pid} ${process.pid}\n`);
}

export function forgetServerPid(dbFile: string): void {
  fs.rmSync(pidFile(dbFile), { force: true });
}

/** Stops a dev server left running on `dbFile` by an earlier process; returns its pid, if there was one. */
export async function stopLeftoverServer(dbFile: string): Promise<number | undefined> {
  let pid: number, owner: number;
  try {
    [pid, owner] = fs.readFileSync(pidFile(dbFile), 'utf8').trim().split(' ').map(Number);
  } catch {
    return undefined;
  }
  if (!isDevServerOn(pid, dbFile)) {
    forgetServerPid(dbFile);
    return undefined;
  }
  if (owner !== process.pid && isAlive(owner)) {
    throw new Error(`the Temporal dev server on ${dbFile} belongs to process ${owner}, which is still running: stop that one first`);
  }
  process.kill(pid, 'SIGTERM');
  if (!(await waitForExit(pid, 10_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
  forgetServerPid(dbFile);
  return pid;
}

/** Only a process whose command line is `start-dev` on this very file is ours: a reused pid is left alone. */
function isDevServerOn(pid: number, dbFile: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.includes('start-dev') && argv.includes(dbFile);
  } catch {
    return false; // gone, or no /proc to tell: never signal a process we cannot identify
  }
}
