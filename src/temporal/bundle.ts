import { spawn } from 'node:child_process';
import type { WorkflowBundle } from '@temporalio/worker';

/**
 * Bundles the workflow code (webpack + swc) in a short-lived child process, not a thread: a thread's heap goes
 * away with it, but the native swc libraries it loads (~35 MB resident) and its malloc arenas stay in the worker
 * for its whole life.
 */
export function bundleWorkflowsInChild(workflowsPath: string): Promise<WorkflowBundle> {
  const source = `
    const { bundleWorkflowCode } = require(process.argv[1]);
    const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m, meta) => console.error(m, meta) };
    bundleWorkflowCode({ workflowsPath: process.argv[2], logger: quiet }).then(
      ({ code }) => process.send({ code }, () => process.exit(0)),
      (err) => process.send({ error: String(err && err.stack || err) }, () => process.exit(1)),
    );`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', source, require.resolve('@temporalio/worker'), workflowsPath], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reply: { code?: string; error?: string } = {};
    child.once('message', (m: typeof reply) => (reply = m));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (reply.code) resolve({ code: reply.code });
      else reject(new Error(`bundling the workflows failed: ${reply.error ?? `bundler exited with ${signal ?? code}`}`));
    });
  });
}
